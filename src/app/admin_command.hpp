#pragma once

#include <string>

namespace warroom::app {

struct AdminResetArgs {
  std::string database;
  std::string handle;
  std::string reason;
  std::string url = "http://127.0.0.1:8080";  // where the sign-in link points
  bool revoke = false;
  bool json = false;
};

// `warroom admin reset HANDLE --database …`: the recovery when no admin can
// act (engine::ResetAdmin), offline on the database; prints the new token
// and one-time sign-in link once (the terminal only, never a log). Exit
// codes: 0 done, 1 the write failed, 2 a bad argument, 3 no database there,
// 4 a server is using the SQLite file, 6 the database cannot be opened.
int AdminReset(const AdminResetArgs& args);

}  // namespace warroom::app
