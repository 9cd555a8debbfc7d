#include "cli/usage_errors.hpp"

#include <algorithm>
#include <sstream>

namespace warroom::cli {

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // d[i][j]: the distance between a's first i characters and b's first j.
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const std::size_t allowed = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& c : candidates) {
    std::size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best) return best;
  std::optional<std::string> begun;
  for (const auto& c : candidates) {
    if (word.empty() || !c.starts_with(word)) continue;
    if (begun) return std::nullopt;  // more than one: no guess
    begun = c;
  }
  return begun;
}

namespace {

// The commands a user can type under `app` (named, enabled).
std::vector<const CLI::App*> Commands(const CLI::App* app) {
  return app->get_subcommands(
      [](const CLI::App* c) { return !c->get_name().empty() && !c->get_disabled(); });
}

// "warroom user": the words that reach `app` from the root.
std::string Path(const CLI::App* app) {
  std::string path = app->get_name();
  for (const CLI::App* p = app->get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

// The command parsed last: the root, or the noun (and its command) given.
const CLI::App* Deepest(const CLI::App* root) {
  const CLI::App* app = root;
  while (!app->get_subcommands().empty()) app = app->get_subcommands().front();
  return app;
}

// The first word the parse did not take, if it is not a flag.
std::optional<std::string> UnknownWord(const CLI::App* root) {
  for (const auto& word : root->remaining(true))
    if (!word.empty() && word[0] != '-') return word;
  return std::nullopt;
}

std::string Unknown(const CLI::App* app, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* c : Commands(app)) names.push_back(c->get_name());
  std::string prefix = app->get_parent() ? Path(app).substr(Path(app).find(' ') + 1) + " " : "";
  std::ostringstream out;
  out << Path(app).substr(0, Path(app).find(' ')) << ": unknown command '" << prefix << word << "'";
  if (auto near = ClosestMatch(word, names)) out << "; did you mean '" << prefix << *near << "'?";
  out << "\nRun `" << Path(app) << " --help` to list "
      << (app->get_parent() ? "its commands" : "the commands") << ".\n";
  return out.str();
}

std::string Missing(const CLI::App* app) {
  std::ostringstream out;
  out << Path(app) << ": which command? One of:\n";
  std::size_t width = 0;
  for (const CLI::App* c : Commands(app)) width = std::max(width, c->get_name().size());
  for (const CLI::App* c : Commands(app))
    out << "  " << c->get_name() << std::string(width - c->get_name().size() + 2, ' ')
        << c->get_description() << "\n";
  out << "Run `" << Path(app) << " COMMAND --help` for a command's flags.\n";
  return out.str();
}

std::string Explain(const CLI::App* root, const CLI::Error& e) {
  const CLI::App* app = Deepest(root);
  const bool wants_command = !Commands(app).empty();
  auto word = UnknownWord(root);
  // The class, not get_name(): CLI11 names some errors after the app.
  const bool required = dynamic_cast<const CLI::RequiredError*>(&e) != nullptr;
  const bool extra = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr;
  if (wants_command && word && (required || extra)) return Unknown(app, *word);
  if (wants_command && !word && required && app->get_require_subcommand_min() > 0 &&
      app->get_subcommands().empty())
    return Missing(app);
  return CLI::FailureMessage::simple(root, e);
}

}  // namespace

void ExplainUsageErrors(CLI::App& app) { app.failure_message(Explain); }

}  // namespace warroom::cli
