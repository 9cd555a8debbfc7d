// Registers every noun's client commands: one line per noun, in the order
// `warroom --help` lists them.
#include "cli/commands.hpp"

#include "cli/action_item_commands.hpp"
#include "cli/alert_commands.hpp"
#include "cli/clock_commands.hpp"
#include "cli/comms_commands.hpp"
#include "cli/freeze_commands.hpp"
#include "cli/incident_action_commands.hpp"
#include "cli/incident_commands.hpp"
#include "cli/integration_commands.hpp"
#include "cli/outbox_commands.hpp"
#include "cli/policy_commands.hpp"
#include "cli/registrar.hpp"
#include "cli/status_page_commands.hpp"
#include "cli/token_commands.hpp"
#include "cli/usage_errors.hpp"
#include "cli/user_commands.hpp"

namespace warroom::cli {

void AddClientCommands(CLI::App& app, std::shared_ptr<ClientOptions> opts,
                       std::shared_ptr<std::function<int()>> run) {
  using Add = void (*)(CLI::App&, const Registrar&);
  static constexpr Add kNouns[] = {
      AddIncidentCommands,        // declare, show, timeline, list
      AddIncidentActionCommands,  // ack ... visibility
      AddActionItemCommands,      // actions, action add|set|done
      AddCommsCommands,           // comms templates|preview
      AddFreezeCommands,          // freezes
      AddPolicyCommands,          // policy show|classify
      AddUserCommands,            // user ...
      AddTokenCommands,           // token ..., whoami
      AddIntegrationCommands,     // integration ...
      AddAlertCommands,           // alerts ...
      AddOutboxCommands,          // outbox ...
      AddClockCommands,           // clock show|advance
      AddStatusPageCommands,      // status-page components|set|maintenance
  };
  const Registrar k{std::move(opts), std::move(run)};
  for (Add add : kNouns) add(app, k);
  ExplainUsageErrors(app);
}

}  // namespace warroom::cli
