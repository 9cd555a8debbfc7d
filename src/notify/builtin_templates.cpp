// The communication templates of incident-response-procedures.md, as
// Mustache. An optional line is a section that starts at the end of the line
// before it ("...{{#x}}\nLine {{x}}{{/x}}"): it carries its own line break,
// so an empty field leaves no blank line (a section tag alone on its line is
// "standalone" and Mustache removes that line).
#include "notify/builtin_templates.hpp"

namespace warroom::notify {
namespace {

constexpr TemplateSource kTemplates[] =
    {
        {"incident-declared", "internal", "",
         R"(🚨 INCIDENT DECLARED 🚨

ID: {{id}}
Severity: {{severity}}
Status: {{status_title}}

Summary: {{summary}}

Incident Commander: {{#incident_commander}}@{{incident_commander}}{{/incident_commander}}{{^incident_commander}}unassigned{{/incident_commander}}
Responders: {{#responders}}@{{handle}}{{^last}}, {{/last}}{{/responders}}{{^responders}}none yet{{/responders}}{{#war_room}}

War room: {{war_room}}{{/war_room}}{{#incident_doc}}{{^war_room}}
{{/war_room}}
Doc: {{incident_doc}}{{/incident_doc}}

Impact: {{impact_summary}}
Start time: {{start_time}}{{#next_update}}
Next update: {{next_update}} ({{next_update_in}}){{/next_update}}
)"},
        {"status-investigating", "status-page", "",
         R"(Investigating: We are currently investigating {{summary}}. Our team is actively working to identify the cause.{{#update_frequency}}

Update frequency: {{update_frequency}}{{/update_frequency}}
Posted: {{posted_at}}
)"},
        {"status-identified", "status-page", "",
         R"(Identified: We have identified the root cause as {{root_cause}}. Our team is implementing a fix.

Impact: {{impact_summary}}{{#workaround}}
Workaround: {{workaround}}{{/workaround}}{{#eta}}
ETA: Resolution expected by {{eta}}{{/eta}}

Posted: {{posted_at}}
)"},
        {"status-monitoring", "status-page", "",
         R"(Monitoring: A fix has been deployed and the system is recovering. We are monitoring to ensure stability.

Impact: Service is restored for most customers. Some may experience brief delays as system catches up.

Posted: {{posted_at}}
)"},
        {"status-resolved", "status-page", "",
         R"(Resolved: The incident has been resolved. All systems are operating normally.

Summary: {{summary}}
Duration: {{duration}}
Root cause: {{root_cause}}

We apologize for the inconvenience.{{#pir_within}} A detailed post-mortem will be published within {{pir_within}}.{{/pir_within}}

Posted: {{posted_at}}
)"},
        {"customer-notification", "customers", "Service disruption: {{summary}}",
         R"(Dear {{organisation}} Customers,

We are experiencing a service disruption that began at {{start_time}}.

What is happening:
{{summary}}

Impact:
{{impact_summary}}{{#workaround}}

Workaround: {{workaround}}{{/workaround}}

Our team is working on it{{#next_update}} and will update you by {{next_update}}{{/next_update}}.

Questions? Contact {{support_contact}}

The {{organisation}} Team
)"},
        {"customer-email", "customers", "Service Disruption Update - {{date}}",
         R"(Dear {{organisation}} Customers,

We experienced a service disruption today between {{start_time}} and {{end_time}}.

What Happened:
{{summary}}{{#root_cause}}. The cause was {{root_cause}}{{/root_cause}}.

Impact:
- {{impact_summary}}{{#affected_components_text}}
- Features affected: {{affected_components_text}}{{/affected_components_text}}

Resolution:
Our team responded immediately and {{resolution}}.

Your Action Required:
None

We sincerely apologize for the inconvenience. We take reliability seriously and are implementing measures to prevent recurrence.

Questions? Contact {{support_contact}}

Detailed post-mortem: {{#pir_url}}{{pir_url}}{{/pir_url}}{{^pir_url}}to follow{{/pir_url}}

Thank you for your patience,
The {{organisation}} Team
)"},
        {"incident-resolved", "internal", "",
         R"(✅ INCIDENT RESOLVED ✅

Incident ID: {{id}}
Severity: {{severity}}
Duration: {{duration}}

Summary: {{summary}} - RESOLVED

Root Cause: {{root_cause}}
Resolution: {{resolution}}

Impact:
- {{impact_summary}}{{#has_pir}}

Next Steps:
- Post-incident review: {{pir_url}}{{/has_pir}}{{#incident_doc}}

Timeline: {{incident_doc}}{{/incident_doc}}

Thanks to: {{#participants}}@{{handle}}{{^last}}, {{/last}}{{/participants}}
)"},
        // The notifications warroom sends as things happen (engine/notify_rules/),
        // each rendered with the fields its event adds (docs/templates.md). No
        // trailing line break: a chat message or page ends with its last word.
        {"update-posted", "internal", "",
         R"({{text}}{{#next_update}}{{^text_ends_line}}
{{/text_ends_line}}Next update: {{next_update}} ({{next_update_in}}){{/next_update}})"},
        {"page", "internal", "PAGE {{id}} {{severity}} ({{severity_alias}}): {{summary}}",
         R"(PAGE: {{id}} {{severity}} ({{severity_alias}}): {{summary}}
Paging: {{#restricted}}participants {{#participants}}{{handle}}{{^last}}, {{/last}}{{/participants}}{{/restricted}}{{^restricted}}{{page_groups}}{{/restricted}}
Incident Commander: {{incident_commander}}
Acknowledge: warroom ack {{id}})"},
        {"page-requested", "internal", "PAGE {{id}} {{severity}} ({{severity_alias}}): {{summary}}",
         R"(PAGE: {{paged}}, you are needed on {{id}} {{severity}} ({{severity_alias}}): {{summary}}
Paged by the Incident Commander @{{actor}}{{#reason}}: {{reason}}{{/reason}}
Acknowledge: warroom ack {{id}})"},
        {"re-page", "internal", "RE-PAGE {{id}} {{severity}} ({{severity_alias}}): {{summary}}",
         R"(RE-PAGE: {{id}} {{severity}} ({{severity_alias}}): {{summary}}
Not acknowledged by {{due_at}}. Escalating to {{#escalation_groups}}{{escalation_groups}}{{/escalation_groups}}{{^escalation_groups}}the backup{{/escalation_groups}} (backup: {{#backup}}{{backup}}{{/backup}}{{^backup}}the backup{{/backup}}).
Acknowledge: warroom ack {{id}})"},
        {"update-reminder", "internal", "",
         R"(Reminder for {{#incident_commander}}@{{incident_commander}}{{/incident_commander}}{{^incident_commander}}the Incident Commander{{/incident_commander}} and {{#communications_lead}}@{{communications_lead}}{{/communications_lead}}{{^communications_lead}}the Communications Lead{{/communications_lead}}: an update on {{id}} {{severity}} ({{severity_alias}}): {{summary}} was due at {{due_at}}. Post one: warroom update {{id}} "...")"},
        {"customer-communication-reminder", "internal", "",
         R"(Reminder for {{#communications_lead}}@{{communications_lead}}{{/communications_lead}}{{^communications_lead}}the Communications Lead{{/communications_lead}}: customer communication on {{id}} {{severity}} ({{severity_alias}}): {{summary}} was due at {{due_at}}. warroom update {{id}} --template status-investigating)"},
        {"executive-notification-reminder", "internal", "",
         R"(Reminder for {{#incident_commander}}@{{incident_commander}}{{/incident_commander}}{{^incident_commander}}the Incident Commander{{/incident_commander}}: executives ({{executives}}) were to be told of {{id}} {{severity}} ({{severity_alias}}): {{summary}} at {{due_at}}.)"},
        {"target-resolution-passed", "internal", "",
         R"(Target resolution passed for {{id}} {{severity}} ({{severity_alias}}): {{summary}} (due {{due_at}}). {{#escalated_to_executives}}Executives{{/escalated_to_executives}}{{^escalated_to_executives}}Engineering manager{{/escalated_to_executives}}, please review.)"},
        {"pir-reminder", "internal", "",
         R"(Reminder for {{#incident_commander}}@{{incident_commander}}{{/incident_commander}}{{^incident_commander}}the Incident Commander{{/incident_commander}}: the post-incident review of {{id}} {{severity}} ({{severity_alias}}): {{summary}} was due at {{due_at}}. Close it with: warroom close {{id}} --pir-url URL)"},
        {"action-item-assigned", "internal", "Action item for you: {{item_title}}",
         R"(@{{actor}} gave you an action item of {{id}} {{severity}} ({{severity_alias}}): {{summary}}
{{item_title}} ({{item_priority}}, due {{item_due}}){{#item_tracker_url}}
Tracker: {{item_tracker_url}}{{/item_tracker_url}}
Mark progress: warroom action set {{id}} {{item_id}} --status in-progress)"},
        {"action-item-overdue", "internal", "Overdue action item: {{item_title}}",
         R"(Overdue{{#escalated}} (reminder {{reminder}}, to the Incident Commander too){{/escalated}}: action item {{item_id}} of {{id}} {{severity}} ({{severity_alias}}): {{summary}}
{{item_title}} ({{item_priority}}), owned by @{{item_owner}}, was due {{item_due}}.{{#item_tracker_url}}
Tracker: {{item_tracker_url}}{{/item_tracker_url}}
Done: warroom action done {{id}} {{item_id}}. Not doing it: warroom action set {{id}} {{item_id}} --status wont-do --reason "...". New date: warroom action set {{id}} {{item_id}} --due YYYY-MM-DD)"},
        {"code-freeze-declared", "internal", "",
         R"(🧊 CODE FREEZE declared for {{id}} {{severity}} ({{severity_alias}}): {{summary}} by @{{actor}}: {{reason}}
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze {{id}})"},
        {"code-freeze-lifted", "internal", "",
         R"(Code freeze lifted for {{id}} {{severity}} ({{severity_alias}}): {{summary}} by @{{actor}}{{#reason}}: {{reason}}{{/reason}})"},
        {"alerts-recurred", "internal", "", R"(Recurrence: alerts of {{group_key}} ({{alert_summary}}) fire again on {{id}} {{severity}} ({{severity_alias}}): {{summary}}, which is {{status}}. Reopen with: warroom reopen {{id}} --reason "...")"},
        {"alerts-resolved", "internal", "",
         R"(Every alert of {{id}} {{severity}} ({{severity_alias}}): {{summary}} has resolved. Confirm the fix holds and resolve it: warroom resolve {{id}} "...")"},
        {"delivery-unknown", "internal", "",
         R"(Check: a {{message_kind}} for the {{message_audience}} audience of {{id}} {{severity}} ({{severity_alias}}): {{summary}} went to {{message_destination}}, but whether it arrived is unknown ({{message_detail}}). warroom outbox show {{message_id}})"},
        {"triage", "internal", "",
         R"(TRIAGE: {{alerts}} alert(s) from {{integration}} wait for a responder: {{alert_summary}} (group {{group_key}}). No route declares them. See `warroom alerts --triage`, then `warroom alerts declare {{first_alert_id}} --severity P2` or `warroom alerts dismiss {{first_alert_id}}`)"},
};

}  // namespace

const TemplateSource* BuiltinTemplates(std::size_t& count) {
  count = sizeof(kTemplates) / sizeof(kTemplates[0]);
  return kTemplates;
}

}  // namespace warroom::notify
