// The Notifier's output for notifier_output_test.cpp's scripted incidents,
// captured from the single builder before the split into rules (each
// message: its key; incident, cause, destination, recipient, kind, audience,
// retry and times; its subject; its body).
#pragma once

namespace warroom::notify {

inline constexpr const char* kNotifierGolden = R"golden(== public P1
--- INC-2026-02-12-001:1:slack-incidents:message
incident=INC-2026-02-12-001 cause=1 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=
🚨 INCIDENT DECLARED 🚨

ID: INC-2026-02-12-001
Severity: P1
Status: Investigating

Summary: Scheduler not executing goals

Incident Commander: @sarah
Responders: none yet

Impact: Being assessed
Start time: 14:15 UTC
Next update: 14:45 UTC (22 minutes)

--- INC-2026-02-12-001:1:slack-war-room:war-room
incident=INC-2026-02-12-001 cause=1 dest=slack-war-room recipient= kind=war-room audience=internal retry=0 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=War room for INC-2026-02-12-001
{"name":"inc-2026-02-12-001","private":false,"members":["U-sarah","U-olive"]}
--- INC-2026-02-12-001:1:pagerduty:page
incident=INC-2026-02-12-001 cause=1 dest=pagerduty recipient= kind=page audience=internal retry=1 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paging: oncall-sre
Incident Commander: sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:1:person-email:page:olive
incident=INC-2026-02-12-001 cause=1 dest=person-email recipient=olive@example.com kind=page audience=internal retry=1 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paging: oncall-sre
Incident Commander: sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:1:person-slack:page:olive
incident=INC-2026-02-12-001 cause=1 dest=person-slack recipient=U-olive kind=page audience=internal retry=1 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paging: oncall-sre
Incident Commander: sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:1:person-email:page:sarah
incident=INC-2026-02-12-001 cause=1 dest=person-email recipient=sarah@example.com kind=page audience=internal retry=1 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paging: oncall-sre
Incident Commander: sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:1:person-slack:page:sarah
incident=INC-2026-02-12-001 cause=1 dest=person-slack recipient=U-sarah kind=page audience=internal retry=1 next=2026-02-12T14:23:00Z created=2026-02-12T14:23:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paging: oncall-sre
Incident Commander: sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:pagerduty:escalation
incident=INC-2026-02-12-001 cause=2 dest=pagerduty recipient= kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-email:escalation:olive
incident=INC-2026-02-12-001 cause=2 dest=person-email recipient=olive@example.com kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-slack:escalation:olive
incident=INC-2026-02-12-001 cause=2 dest=person-slack recipient=U-olive kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-email:escalation:sarah
incident=INC-2026-02-12-001 cause=2 dest=person-email recipient=sarah@example.com kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-slack:escalation:sarah
incident=INC-2026-02-12-001 cause=2 dest=person-slack recipient=U-sarah kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-email:escalation:oncall-sre-lead
incident=INC-2026-02-12-001 cause=2 dest=person-email recipient=oncall-sre-lead@example.com kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-slack:escalation:oncall-sre-lead
incident=INC-2026-02-12-001 cause=2 dest=person-slack recipient=U-oncall-sre-lead kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-email:escalation:emma
incident=INC-2026-02-12-001 cause=2 dest=person-email recipient=emma@example.com kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:2:person-slack:escalation:emma
incident=INC-2026-02-12-001 cause=2 dest=person-slack recipient=U-emma kind=escalation audience=internal retry=1 next=2026-02-12T14:28:00Z created=2026-02-12T14:28:00Z
subject=RE-PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
RE-PAGE: INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Not acknowledged by 14:28 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:5:slack-incidents:message
incident=INC-2026-02-12-001 cause=5 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:40:00Z created=2026-02-12T14:40:00Z
subject=
Looking at the scheduler
Next update: 15:00 UTC (20 minutes)
--- INC-2026-02-12-001:6:statuspage:message
incident=INC-2026-02-12-001 cause=6 dest=statuspage recipient= kind=message audience=status-page retry=0 next=2026-02-12T14:41:00Z created=2026-02-12T14:41:00Z
subject=
We are investigating.
Next update: 15:00 UTC (19 minutes)
--- INC-2026-02-12-001:7:slack-incidents:message
incident=INC-2026-02-12-001 cause=7 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:42:00Z created=2026-02-12T14:42:00Z
subject=
Still on it. Next update: soon
--- INC-2026-02-12-001:8:customer-email:message
incident=INC-2026-02-12-001 cause=8 dest=customer-email recipient= kind=message audience=customers retry=0 next=2026-02-12T14:43:00Z created=2026-02-12T14:43:00Z
subject=
Dear customers
--- INC-2026-02-12-001:9:pagerduty:page
incident=INC-2026-02-12-001 cause=9 dest=pagerduty recipient= kind=page audience=internal retry=1 next=2026-02-12T14:44:00Z created=2026-02-12T14:44:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: oncall-backend, you are needed on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paged by the Incident Commander @sarah: the database
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:9:person-email:page:bob
incident=INC-2026-02-12-001 cause=9 dest=person-email recipient=bob@example.com kind=page audience=internal retry=1 next=2026-02-12T14:44:00Z created=2026-02-12T14:44:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: oncall-backend, you are needed on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paged by the Incident Commander @sarah: the database
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:10:pagerduty:page
incident=INC-2026-02-12-001 cause=10 dest=pagerduty recipient= kind=page audience=internal retry=1 next=2026-02-12T14:45:00Z created=2026-02-12T14:45:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: mike, you are needed on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paged by the Incident Commander @sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:10:person-email:page:mike
incident=INC-2026-02-12-001 cause=10 dest=person-email recipient=mike@example.com kind=page audience=internal retry=1 next=2026-02-12T14:45:00Z created=2026-02-12T14:45:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: mike, you are needed on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paged by the Incident Commander @sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:10:person-slack:page:mike
incident=INC-2026-02-12-001 cause=10 dest=person-slack recipient=U-mike kind=page audience=internal retry=1 next=2026-02-12T14:45:00Z created=2026-02-12T14:45:00Z
subject=PAGE INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
PAGE: mike, you are needed on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals
Paged by the Incident Commander @sarah
Acknowledge: warroom ack INC-2026-02-12-001
--- INC-2026-02-12-001:11:slack-incidents:message
incident=INC-2026-02-12-001 cause=11 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:46:00Z created=2026-02-12T14:46:00Z
subject=
🧊 CODE FREEZE declared for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals by @sarah: bad deploys
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze INC-2026-02-12-001
--- INC-2026-02-12-001:12:slack-incidents:message
incident=INC-2026-02-12-001 cause=12 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:47:00Z created=2026-02-12T14:47:00Z
subject=
Code freeze lifted for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals by @sarah
--- INC-2026-02-12-001:13:slack-incidents:message
incident=INC-2026-02-12-001 cause=13 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:47:30Z created=2026-02-12T14:47:30Z
subject=
🧊 CODE FREEZE declared for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals by @sarah: again
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze INC-2026-02-12-001
--- INC-2026-02-12-001:14:slack-incidents:message
incident=INC-2026-02-12-001 cause=14 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T14:48:00Z created=2026-02-12T14:48:00Z
subject=
Code freeze lifted for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals by @sarah: safe now
--- INC-2026-02-12-001:15:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=15 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-12T15:12:00Z created=2026-02-12T15:12:00Z
subject=
Reminder for @sarah and the Communications Lead: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:12 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:15:person-email:reminder:sarah
incident=INC-2026-02-12-001 cause=15 dest=person-email recipient=sarah@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:12:00Z created=2026-02-12T15:12:00Z
subject=
Reminder for @sarah and the Communications Lead: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:12 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:15:person-slack:reminder:sarah
incident=INC-2026-02-12-001 cause=15 dest=person-slack recipient=U-sarah kind=reminder audience=internal retry=0 next=2026-02-12T15:12:00Z created=2026-02-12T15:12:00Z
subject=
Reminder for @sarah and the Communications Lead: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:12 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:17:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=17 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-12T15:42:00Z created=2026-02-12T15:42:00Z
subject=
Reminder for @sarah and @cara: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:42 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:17:person-email:reminder:sarah
incident=INC-2026-02-12-001 cause=17 dest=person-email recipient=sarah@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:42:00Z created=2026-02-12T15:42:00Z
subject=
Reminder for @sarah and @cara: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:42 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:17:person-slack:reminder:sarah
incident=INC-2026-02-12-001 cause=17 dest=person-slack recipient=U-sarah kind=reminder audience=internal retry=0 next=2026-02-12T15:42:00Z created=2026-02-12T15:42:00Z
subject=
Reminder for @sarah and @cara: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:42 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:17:person-email:reminder:cara
incident=INC-2026-02-12-001 cause=17 dest=person-email recipient=cara@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:42:00Z created=2026-02-12T15:42:00Z
subject=
Reminder for @sarah and @cara: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:42 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:17:person-slack:reminder:cara
incident=INC-2026-02-12-001 cause=17 dest=person-slack recipient=U-cara kind=reminder audience=internal retry=0 next=2026-02-12T15:42:00Z created=2026-02-12T15:42:00Z
subject=
Reminder for @sarah and @cara: an update on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:42 UTC. Post one: warroom update INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:18:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=18 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-12T15:43:00Z created=2026-02-12T15:43:00Z
subject=
Reminder for @cara: customer communication on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:43 UTC. warroom update INC-2026-02-12-001 --template status-investigating
--- INC-2026-02-12-001:18:person-email:reminder:cara
incident=INC-2026-02-12-001 cause=18 dest=person-email recipient=cara@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:43:00Z created=2026-02-12T15:43:00Z
subject=
Reminder for @cara: customer communication on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:43 UTC. warroom update INC-2026-02-12-001 --template status-investigating
--- INC-2026-02-12-001:18:person-slack:reminder:cara
incident=INC-2026-02-12-001 cause=18 dest=person-slack recipient=U-cara kind=reminder audience=internal retry=0 next=2026-02-12T15:43:00Z created=2026-02-12T15:43:00Z
subject=
Reminder for @cara: customer communication on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 15:43 UTC. warroom update INC-2026-02-12-001 --template status-investigating
--- INC-2026-02-12-001:19:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=19 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-12T15:44:00Z created=2026-02-12T15:44:00Z
subject=
Reminder for @sarah: executives (cto, engineering-manager) were to be told of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals at 15:44 UTC.
--- INC-2026-02-12-001:19:person-email:reminder:sarah
incident=INC-2026-02-12-001 cause=19 dest=person-email recipient=sarah@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:44:00Z created=2026-02-12T15:44:00Z
subject=
Reminder for @sarah: executives (cto, engineering-manager) were to be told of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals at 15:44 UTC.
--- INC-2026-02-12-001:19:person-slack:reminder:sarah
incident=INC-2026-02-12-001 cause=19 dest=person-slack recipient=U-sarah kind=reminder audience=internal retry=0 next=2026-02-12T15:44:00Z created=2026-02-12T15:44:00Z
subject=
Reminder for @sarah: executives (cto, engineering-manager) were to be told of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals at 15:44 UTC.
--- INC-2026-02-12-001:23:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=23 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-12T15:48:00Z created=2026-02-12T15:48:00Z
subject=
Every alert of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals has resolved. Confirm the fix holds and resolve it: warroom resolve INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:23:person-email:reminder:sarah
incident=INC-2026-02-12-001 cause=23 dest=person-email recipient=sarah@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:48:00Z created=2026-02-12T15:48:00Z
subject=
Every alert of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals has resolved. Confirm the fix holds and resolve it: warroom resolve INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:23:person-slack:reminder:sarah
incident=INC-2026-02-12-001 cause=23 dest=person-slack recipient=U-sarah kind=reminder audience=internal retry=0 next=2026-02-12T15:48:00Z created=2026-02-12T15:48:00Z
subject=
Every alert of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals has resolved. Confirm the fix holds and resolve it: warroom resolve INC-2026-02-12-001 "..."
--- INC-2026-02-12-001:24:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=24 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-12T15:49:00Z created=2026-02-12T15:49:00Z
subject=
Recurrence: alerts of {}:{alertname="Down"} (Down) fire again on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals, which is investigating. Reopen with: warroom reopen INC-2026-02-12-001 --reason "..."
--- INC-2026-02-12-001:24:person-email:reminder:sarah
incident=INC-2026-02-12-001 cause=24 dest=person-email recipient=sarah@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:49:00Z created=2026-02-12T15:49:00Z
subject=
Recurrence: alerts of {}:{alertname="Down"} (Down) fire again on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals, which is investigating. Reopen with: warroom reopen INC-2026-02-12-001 --reason "..."
--- INC-2026-02-12-001:24:person-slack:reminder:sarah
incident=INC-2026-02-12-001 cause=24 dest=person-slack recipient=U-sarah kind=reminder audience=internal retry=0 next=2026-02-12T15:49:00Z created=2026-02-12T15:49:00Z
subject=
Recurrence: alerts of {}:{alertname="Down"} (Down) fire again on INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals, which is investigating. Reopen with: warroom reopen INC-2026-02-12-001 --reason "..."
--- INC-2026-02-12-001:25:person-email:reminder:cara
incident=INC-2026-02-12-001 cause=25 dest=person-email recipient=cara@example.com kind=reminder audience=internal retry=0 next=2026-02-12T15:50:00Z created=2026-02-12T15:50:00Z
subject=
Check: a message for the status-page audience of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals went to statuspage, but whether it arrived is unknown (timed out). warroom outbox show 42
--- INC-2026-02-12-001:25:person-slack:reminder:cara
incident=INC-2026-02-12-001 cause=25 dest=person-slack recipient=U-cara kind=reminder audience=internal retry=0 next=2026-02-12T15:50:00Z created=2026-02-12T15:50:00Z
subject=
Check: a message for the status-page audience of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals went to statuspage, but whether it arrived is unknown (timed out). warroom outbox show 42
--- INC-2026-02-12-001:26:slack-incidents:escalation
incident=INC-2026-02-12-001 cause=26 dest=slack-incidents recipient= kind=escalation audience=internal retry=1 next=2026-02-12T18:23:00Z created=2026-02-12T18:23:00Z
subject=
Target resolution passed for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals (due 18:23 UTC). Engineering manager, please review.
--- INC-2026-02-12-001:26:person-email:escalation:emma
incident=INC-2026-02-12-001 cause=26 dest=person-email recipient=emma@example.com kind=escalation audience=internal retry=1 next=2026-02-12T18:23:00Z created=2026-02-12T18:23:00Z
subject=
Target resolution passed for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals (due 18:23 UTC). Engineering manager, please review.
--- INC-2026-02-12-001:26:person-slack:escalation:emma
incident=INC-2026-02-12-001 cause=26 dest=person-slack recipient=U-emma kind=escalation audience=internal retry=1 next=2026-02-12T18:23:00Z created=2026-02-12T18:23:00Z
subject=
Target resolution passed for INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals (due 18:23 UTC). Engineering manager, please review.
--- INC-2026-02-12-001:29:slack-incidents:message
incident=INC-2026-02-12-001 cause=29 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T19:50:00Z created=2026-02-12T19:50:00Z
subject=
✅ INCIDENT RESOLVED ✅

Incident ID: INC-2026-02-12-001
Severity: P1
Duration: 5 hours 27 minutes

Summary: Scheduler not executing goals - RESOLVED

Root Cause: a memory leak
Resolution: rolled back and the scheduler resumed

Impact:
- Being assessed

Thanks to: @sarah, @cara, @mike

--- INC-2026-02-12-001:30:slack-incidents:reminder
incident=INC-2026-02-12-001 cause=30 dest=slack-incidents recipient= kind=reminder audience=internal retry=0 next=2026-02-14T19:00:00Z created=2026-02-14T19:00:00Z
subject=
Reminder for @sarah: the post-incident review of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 19:00 UTC. Close it with: warroom close INC-2026-02-12-001 --pir-url URL
--- INC-2026-02-12-001:30:person-email:reminder:sarah
incident=INC-2026-02-12-001 cause=30 dest=person-email recipient=sarah@example.com kind=reminder audience=internal retry=0 next=2026-02-14T19:00:00Z created=2026-02-14T19:00:00Z
subject=
Reminder for @sarah: the post-incident review of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 19:00 UTC. Close it with: warroom close INC-2026-02-12-001 --pir-url URL
--- INC-2026-02-12-001:30:person-slack:reminder:sarah
incident=INC-2026-02-12-001 cause=30 dest=person-slack recipient=U-sarah kind=reminder audience=internal retry=0 next=2026-02-14T19:00:00Z created=2026-02-14T19:00:00Z
subject=
Reminder for @sarah: the post-incident review of INC-2026-02-12-001 P1 (SEV-2): Scheduler not executing goals was due at 19:00 UTC. Close it with: warroom close INC-2026-02-12-001 --pir-url URL
== restricted P1
--- INC-2026-02-12-002:1:person-email:message:sam
incident=INC-2026-02-12-002 cause=1 dest=person-email recipient=sam@example.com kind=message audience=internal retry=0 next=2026-02-12T10:00:00Z created=2026-02-12T10:00:00Z
subject=
🚨 INCIDENT DECLARED 🚨

ID: INC-2026-02-12-002
Severity: P1
Status: Investigating

Summary: Credential leak

Incident Commander: @sam
Responders: none yet

Impact: Being assessed
Start time: 10:00 UTC
Next update: 10:30 UTC (30 minutes)

--- INC-2026-02-12-002:1:person-slack:message:sam
incident=INC-2026-02-12-002 cause=1 dest=person-slack recipient=U-sam kind=message audience=internal retry=0 next=2026-02-12T10:00:00Z created=2026-02-12T10:00:00Z
subject=
🚨 INCIDENT DECLARED 🚨

ID: INC-2026-02-12-002
Severity: P1
Status: Investigating

Summary: Credential leak

Incident Commander: @sam
Responders: none yet

Impact: Being assessed
Start time: 10:00 UTC
Next update: 10:30 UTC (30 minutes)

--- INC-2026-02-12-002:1:slack-war-room:war-room
incident=INC-2026-02-12-002 cause=1 dest=slack-war-room recipient= kind=war-room audience=internal retry=0 next=2026-02-12T10:00:00Z created=2026-02-12T10:00:00Z
subject=War room for INC-2026-02-12-002
{"name":"inc-2026-02-12-002","private":true,"members":["U-sam"]}
--- INC-2026-02-12-002:1:pagerduty:page
incident=INC-2026-02-12-002 cause=1 dest=pagerduty recipient= kind=page audience=internal retry=1 next=2026-02-12T10:00:00Z created=2026-02-12T10:00:00Z
subject=PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
PAGE: INC-2026-02-12-002 P1 (SEV-2): Credential leak
Paging: participants sam
Incident Commander: sam
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:4:pagerduty:escalation
incident=INC-2026-02-12-002 cause=4 dest=pagerduty recipient= kind=escalation audience=internal retry=1 next=2026-02-12T10:05:00Z created=2026-02-12T10:05:00Z
subject=RE-PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
RE-PAGE: INC-2026-02-12-002 P1 (SEV-2): Credential leak
Not acknowledged by 10:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:5:person-email:message:sam
incident=INC-2026-02-12-002 cause=5 dest=person-email recipient=sam@example.com kind=message audience=internal retry=0 next=2026-02-12T10:10:00Z created=2026-02-12T10:10:00Z
subject=
Rotating keys
Next update: 10:30 UTC (20 minutes)
--- INC-2026-02-12-002:5:person-slack:message:sam
incident=INC-2026-02-12-002 cause=5 dest=person-slack recipient=U-sam kind=message audience=internal retry=0 next=2026-02-12T10:10:00Z created=2026-02-12T10:10:00Z
subject=
Rotating keys
Next update: 10:30 UTC (20 minutes)
--- INC-2026-02-12-002:5:person-email:message:rita
incident=INC-2026-02-12-002 cause=5 dest=person-email recipient=rita@example.com kind=message audience=internal retry=0 next=2026-02-12T10:10:00Z created=2026-02-12T10:10:00Z
subject=
Rotating keys
Next update: 10:30 UTC (20 minutes)
--- INC-2026-02-12-002:5:person-slack:message:rita
incident=INC-2026-02-12-002 cause=5 dest=person-slack recipient=U-rita kind=message audience=internal retry=0 next=2026-02-12T10:10:00Z created=2026-02-12T10:10:00Z
subject=
Rotating keys
Next update: 10:30 UTC (20 minutes)
--- INC-2026-02-12-002:6:pagerduty:page
incident=INC-2026-02-12-002 cause=6 dest=pagerduty recipient= kind=page audience=internal retry=1 next=2026-02-12T10:12:00Z created=2026-02-12T10:12:00Z
subject=PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
PAGE: oncall-sre, you are needed on INC-2026-02-12-002 P1 (SEV-2): Credential leak
Paged by the Incident Commander @sam: need hands
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:6:person-email:page:olive
incident=INC-2026-02-12-002 cause=6 dest=person-email recipient=olive@example.com kind=page audience=internal retry=1 next=2026-02-12T10:12:00Z created=2026-02-12T10:12:00Z
subject=PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
PAGE: oncall-sre, you are needed on INC-2026-02-12-002 P1 (SEV-2): Credential leak
Paged by the Incident Commander @sam: need hands
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:6:person-slack:page:olive
incident=INC-2026-02-12-002 cause=6 dest=person-slack recipient=U-olive kind=page audience=internal retry=1 next=2026-02-12T10:12:00Z created=2026-02-12T10:12:00Z
subject=PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
PAGE: oncall-sre, you are needed on INC-2026-02-12-002 P1 (SEV-2): Credential leak
Paged by the Incident Commander @sam: need hands
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:6:person-email:page:sarah
incident=INC-2026-02-12-002 cause=6 dest=person-email recipient=sarah@example.com kind=page audience=internal retry=1 next=2026-02-12T10:12:00Z created=2026-02-12T10:12:00Z
subject=PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
PAGE: oncall-sre, you are needed on INC-2026-02-12-002 P1 (SEV-2): Credential leak
Paged by the Incident Commander @sam: need hands
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:6:person-slack:page:sarah
incident=INC-2026-02-12-002 cause=6 dest=person-slack recipient=U-sarah kind=page audience=internal retry=1 next=2026-02-12T10:12:00Z created=2026-02-12T10:12:00Z
subject=PAGE INC-2026-02-12-002 P1 (SEV-2): Credential leak
PAGE: oncall-sre, you are needed on INC-2026-02-12-002 P1 (SEV-2): Credential leak
Paged by the Incident Commander @sam: need hands
Acknowledge: warroom ack INC-2026-02-12-002
--- INC-2026-02-12-002:7:person-email:message:sam
incident=INC-2026-02-12-002 cause=7 dest=person-email recipient=sam@example.com kind=message audience=internal retry=0 next=2026-02-12T10:13:00Z created=2026-02-12T10:13:00Z
subject=
🧊 CODE FREEZE declared for INC-2026-02-12-002 P1 (SEV-2): Credential leak by @sam: leak
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze INC-2026-02-12-002
--- INC-2026-02-12-002:7:person-slack:message:sam
incident=INC-2026-02-12-002 cause=7 dest=person-slack recipient=U-sam kind=message audience=internal retry=0 next=2026-02-12T10:13:00Z created=2026-02-12T10:13:00Z
subject=
🧊 CODE FREEZE declared for INC-2026-02-12-002 P1 (SEV-2): Credential leak by @sam: leak
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze INC-2026-02-12-002
--- INC-2026-02-12-002:7:person-email:message:rita
incident=INC-2026-02-12-002 cause=7 dest=person-email recipient=rita@example.com kind=message audience=internal retry=0 next=2026-02-12T10:13:00Z created=2026-02-12T10:13:00Z
subject=
🧊 CODE FREEZE declared for INC-2026-02-12-002 P1 (SEV-2): Credential leak by @sam: leak
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze INC-2026-02-12-002
--- INC-2026-02-12-002:7:person-slack:message:rita
incident=INC-2026-02-12-002 cause=7 dest=person-slack recipient=U-rita kind=message audience=internal retry=0 next=2026-02-12T10:13:00Z created=2026-02-12T10:13:00Z
subject=
🧊 CODE FREEZE declared for INC-2026-02-12-002 P1 (SEV-2): Credential leak by @sam: leak
Deploy pipelines stop (GET /api/v1/freezes). Lift it with: warroom unfreeze INC-2026-02-12-002
--- INC-2026-02-12-002:8:person-email:reminder:sam
incident=INC-2026-02-12-002 cause=8 dest=person-email recipient=sam@example.com kind=reminder audience=internal retry=0 next=2026-02-12T10:41:00Z created=2026-02-12T10:41:00Z
subject=
Reminder for @sam and the Communications Lead: an update on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:41 UTC. Post one: warroom update INC-2026-02-12-002 "..."
--- INC-2026-02-12-002:8:person-slack:reminder:sam
incident=INC-2026-02-12-002 cause=8 dest=person-slack recipient=U-sam kind=reminder audience=internal retry=0 next=2026-02-12T10:41:00Z created=2026-02-12T10:41:00Z
subject=
Reminder for @sam and the Communications Lead: an update on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:41 UTC. Post one: warroom update INC-2026-02-12-002 "..."
--- INC-2026-02-12-002:8:person-email:reminder:rita
incident=INC-2026-02-12-002 cause=8 dest=person-email recipient=rita@example.com kind=reminder audience=internal retry=0 next=2026-02-12T10:41:00Z created=2026-02-12T10:41:00Z
subject=
Reminder for @sam and the Communications Lead: an update on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:41 UTC. Post one: warroom update INC-2026-02-12-002 "..."
--- INC-2026-02-12-002:8:person-slack:reminder:rita
incident=INC-2026-02-12-002 cause=8 dest=person-slack recipient=U-rita kind=reminder audience=internal retry=0 next=2026-02-12T10:41:00Z created=2026-02-12T10:41:00Z
subject=
Reminder for @sam and the Communications Lead: an update on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:41 UTC. Post one: warroom update INC-2026-02-12-002 "..."
--- INC-2026-02-12-002:9:person-email:reminder:sam
incident=INC-2026-02-12-002 cause=9 dest=person-email recipient=sam@example.com kind=reminder audience=internal retry=0 next=2026-02-12T10:42:00Z created=2026-02-12T10:42:00Z
subject=
Reminder for the Communications Lead: customer communication on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:42 UTC. warroom update INC-2026-02-12-002 --template status-investigating
--- INC-2026-02-12-002:9:person-slack:reminder:sam
incident=INC-2026-02-12-002 cause=9 dest=person-slack recipient=U-sam kind=reminder audience=internal retry=0 next=2026-02-12T10:42:00Z created=2026-02-12T10:42:00Z
subject=
Reminder for the Communications Lead: customer communication on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:42 UTC. warroom update INC-2026-02-12-002 --template status-investigating
--- INC-2026-02-12-002:9:person-email:reminder:rita
incident=INC-2026-02-12-002 cause=9 dest=person-email recipient=rita@example.com kind=reminder audience=internal retry=0 next=2026-02-12T10:42:00Z created=2026-02-12T10:42:00Z
subject=
Reminder for the Communications Lead: customer communication on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:42 UTC. warroom update INC-2026-02-12-002 --template status-investigating
--- INC-2026-02-12-002:9:person-slack:reminder:rita
incident=INC-2026-02-12-002 cause=9 dest=person-slack recipient=U-rita kind=reminder audience=internal retry=0 next=2026-02-12T10:42:00Z created=2026-02-12T10:42:00Z
subject=
Reminder for the Communications Lead: customer communication on INC-2026-02-12-002 P1 (SEV-2): Credential leak was due at 10:42 UTC. warroom update INC-2026-02-12-002 --template status-investigating
--- INC-2026-02-12-002:10:person-email:escalation:sam
incident=INC-2026-02-12-002 cause=10 dest=person-email recipient=sam@example.com kind=escalation audience=internal retry=1 next=2026-02-12T14:00:00Z created=2026-02-12T14:00:00Z
subject=
Target resolution passed for INC-2026-02-12-002 P1 (SEV-2): Credential leak (due 14:00 UTC). Engineering manager, please review.
--- INC-2026-02-12-002:10:person-slack:escalation:sam
incident=INC-2026-02-12-002 cause=10 dest=person-slack recipient=U-sam kind=escalation audience=internal retry=1 next=2026-02-12T14:00:00Z created=2026-02-12T14:00:00Z
subject=
Target resolution passed for INC-2026-02-12-002 P1 (SEV-2): Credential leak (due 14:00 UTC). Engineering manager, please review.
--- INC-2026-02-12-002:10:person-email:escalation:rita
incident=INC-2026-02-12-002 cause=10 dest=person-email recipient=rita@example.com kind=escalation audience=internal retry=1 next=2026-02-12T14:00:00Z created=2026-02-12T14:00:00Z
subject=
Target resolution passed for INC-2026-02-12-002 P1 (SEV-2): Credential leak (due 14:00 UTC). Engineering manager, please review.
--- INC-2026-02-12-002:10:person-slack:escalation:rita
incident=INC-2026-02-12-002 cause=10 dest=person-slack recipient=U-rita kind=escalation audience=internal retry=1 next=2026-02-12T14:00:00Z created=2026-02-12T14:00:00Z
subject=
Target resolution passed for INC-2026-02-12-002 P1 (SEV-2): Credential leak (due 14:00 UTC). Engineering manager, please review.
--- INC-2026-02-12-002:13:person-email:message:sam
incident=INC-2026-02-12-002 cause=13 dest=person-email recipient=sam@example.com kind=message audience=internal retry=0 next=2026-02-12T15:30:00Z created=2026-02-12T15:30:00Z
subject=
✅ INCIDENT RESOLVED ✅

Incident ID: INC-2026-02-12-002
Severity: P1
Duration: 5 hours 30 minutes

Summary: Credential leak - RESOLVED

Root Cause: a leaked key
Resolution: rotated

Impact:
- Being assessed

Thanks to: @sam, @rita, @nobody

--- INC-2026-02-12-002:13:person-slack:message:sam
incident=INC-2026-02-12-002 cause=13 dest=person-slack recipient=U-sam kind=message audience=internal retry=0 next=2026-02-12T15:30:00Z created=2026-02-12T15:30:00Z
subject=
✅ INCIDENT RESOLVED ✅

Incident ID: INC-2026-02-12-002
Severity: P1
Duration: 5 hours 30 minutes

Summary: Credential leak - RESOLVED

Root Cause: a leaked key
Resolution: rotated

Impact:
- Being assessed

Thanks to: @sam, @rita, @nobody

--- INC-2026-02-12-002:13:person-email:message:rita
incident=INC-2026-02-12-002 cause=13 dest=person-email recipient=rita@example.com kind=message audience=internal retry=0 next=2026-02-12T15:30:00Z created=2026-02-12T15:30:00Z
subject=
✅ INCIDENT RESOLVED ✅

Incident ID: INC-2026-02-12-002
Severity: P1
Duration: 5 hours 30 minutes

Summary: Credential leak - RESOLVED

Root Cause: a leaked key
Resolution: rotated

Impact:
- Being assessed

Thanks to: @sam, @rita, @nobody

--- INC-2026-02-12-002:13:person-slack:message:rita
incident=INC-2026-02-12-002 cause=13 dest=person-slack recipient=U-rita kind=message audience=internal retry=0 next=2026-02-12T15:30:00Z created=2026-02-12T15:30:00Z
subject=
✅ INCIDENT RESOLVED ✅

Incident ID: INC-2026-02-12-002
Severity: P1
Duration: 5 hours 30 minutes

Summary: Credential leak - RESOLVED

Root Cause: a leaked key
Resolution: rotated

Impact:
- Being assessed

Thanks to: @sam, @rita, @nobody

== public P0
--- INC-2026-02-12-003:1:slack-incidents:message
incident=INC-2026-02-12-003 cause=1 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=
🚨 INCIDENT DECLARED 🚨

ID: INC-2026-02-12-003
Severity: P0
Status: Investigating

Summary: Everything is down

Incident Commander: @ian
Responders: none yet

Impact: Being assessed
Start time: 20:00 UTC
Next update: 20:15 UTC (15 minutes)

--- INC-2026-02-12-003:1:slack-war-room:war-room
incident=INC-2026-02-12-003 cause=1 dest=slack-war-room recipient= kind=war-room audience=internal retry=0 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=War room for INC-2026-02-12-003
{"name":"inc-2026-02-12-003","private":false,"members":["U-ian","U-ivy","U-olive","U-sarah"]}
--- INC-2026-02-12-003:1:pagerduty:page
incident=INC-2026-02-12-003 cause=1 dest=pagerduty recipient= kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-email:page:ian
incident=INC-2026-02-12-003 cause=1 dest=person-email recipient=ian@example.com kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-slack:page:ian
incident=INC-2026-02-12-003 cause=1 dest=person-slack recipient=U-ian kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-email:page:ivy
incident=INC-2026-02-12-003 cause=1 dest=person-email recipient=ivy@example.com kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-slack:page:ivy
incident=INC-2026-02-12-003 cause=1 dest=person-slack recipient=U-ivy kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-email:page:olive
incident=INC-2026-02-12-003 cause=1 dest=person-email recipient=olive@example.com kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-slack:page:olive
incident=INC-2026-02-12-003 cause=1 dest=person-slack recipient=U-olive kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-email:page:sarah
incident=INC-2026-02-12-003 cause=1 dest=person-email recipient=sarah@example.com kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-slack:page:sarah
incident=INC-2026-02-12-003 cause=1 dest=person-slack recipient=U-sarah kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:1:person-email:page:bob
incident=INC-2026-02-12-003 cause=1 dest=person-email recipient=bob@example.com kind=page audience=internal retry=1 next=2026-02-12T20:00:00Z created=2026-02-12T20:00:00Z
subject=PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Paging: incident-commander, oncall-sre, oncall-backend
Incident Commander: ian
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:pagerduty:escalation
incident=INC-2026-02-12-003 cause=2 dest=pagerduty recipient= kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:ian
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=ian@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-slack:escalation:ian
incident=INC-2026-02-12-003 cause=2 dest=person-slack recipient=U-ian kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:ivy
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=ivy@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-slack:escalation:ivy
incident=INC-2026-02-12-003 cause=2 dest=person-slack recipient=U-ivy kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:olive
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=olive@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-slack:escalation:olive
incident=INC-2026-02-12-003 cause=2 dest=person-slack recipient=U-olive kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:sarah
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=sarah@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-slack:escalation:sarah
incident=INC-2026-02-12-003 cause=2 dest=person-slack recipient=U-sarah kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:bob
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=bob@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:oncall-sre-lead
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=oncall-sre-lead@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-slack:escalation:oncall-sre-lead
incident=INC-2026-02-12-003 cause=2 dest=person-slack recipient=U-oncall-sre-lead kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-email:escalation:emma
incident=INC-2026-02-12-003 cause=2 dest=person-email recipient=emma@example.com kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:2:person-slack:escalation:emma
incident=INC-2026-02-12-003 cause=2 dest=person-slack recipient=U-emma kind=escalation audience=internal retry=1 next=2026-02-12T20:05:00Z created=2026-02-12T20:05:00Z
subject=RE-PAGE INC-2026-02-12-003 P0 (SEV-1): Everything is down
RE-PAGE: INC-2026-02-12-003 P0 (SEV-1): Everything is down
Not acknowledged by 20:05 UTC. Escalating to oncall-sre-lead, engineering-manager (backup: engineering-manager).
Acknowledge: warroom ack INC-2026-02-12-003
--- INC-2026-02-12-003:5:exec-email:escalation
incident=INC-2026-02-12-003 cause=5 dest=exec-email recipient= kind=escalation audience=executives retry=1 next=2026-02-12T22:00:00Z created=2026-02-12T22:00:00Z
subject=
Target resolution passed for INC-2026-02-12-003 P0 (SEV-1): Everything is down (due 22:00 UTC). Executives, please review.
--- INC-2026-02-12-003:5:person-email:escalation:tom
incident=INC-2026-02-12-003 cause=5 dest=person-email recipient=tom@example.com kind=escalation audience=internal retry=1 next=2026-02-12T22:00:00Z created=2026-02-12T22:00:00Z
subject=
Target resolution passed for INC-2026-02-12-003 P0 (SEV-1): Everything is down (due 22:00 UTC). Executives, please review.
--- INC-2026-02-12-003:5:person-slack:escalation:tom
incident=INC-2026-02-12-003 cause=5 dest=person-slack recipient=U-tom kind=escalation audience=internal retry=1 next=2026-02-12T22:00:00Z created=2026-02-12T22:00:00Z
subject=
Target resolution passed for INC-2026-02-12-003 P0 (SEV-1): Everything is down (due 22:00 UTC). Executives, please review.
--- INC-2026-02-12-003:5:person-email:escalation:ceo
incident=INC-2026-02-12-003 cause=5 dest=person-email recipient=ceo@example.com kind=escalation audience=internal retry=1 next=2026-02-12T22:00:00Z created=2026-02-12T22:00:00Z
subject=
Target resolution passed for INC-2026-02-12-003 P0 (SEV-1): Everything is down (due 22:00 UTC). Executives, please review.
--- INC-2026-02-12-003:5:person-slack:escalation:ceo
incident=INC-2026-02-12-003 cause=5 dest=person-slack recipient=U-ceo kind=escalation audience=internal retry=1 next=2026-02-12T22:00:00Z created=2026-02-12T22:00:00Z
subject=
Target resolution passed for INC-2026-02-12-003 P0 (SEV-1): Everything is down (due 22:00 UTC). Executives, please review.
== triage
--- triage:grafana:17:slack-incidents
incident= cause=0 dest=slack-incidents recipient= kind=message audience=internal retry=0 next=2026-02-12T09:00:00Z created=2026-02-12T09:00:00Z
subject=
TRIAGE: 3 alert(s) from grafana wait for a responder: Disk full on db-1 (group grafana:disk). No route declares them. See `warroom alerts --triage`, then `warroom alerts declare 17 --severity P2` or `warroom alerts dismiss 17`
)golden";

inline constexpr const char* kTriageGolden = R"golden(--- triage:grafana:17:slack-triage
incident= cause=0 dest=slack-triage recipient= kind=message audience=internal retry=0 next=2026-02-12T09:00:00Z created=2026-02-12T09:00:00Z
subject=
TRIAGE: 3 alert(s) from grafana wait for a responder: Disk full on db-1 (group grafana:disk). No route declares them. See `warroom alerts --triage`, then `warroom alerts declare 17 --severity P2` or `warroom alerts dismiss 17`
--- triage:grafana:17:triage-email
incident= cause=0 dest=triage-email recipient= kind=message audience=internal retry=0 next=2026-02-12T09:00:00Z created=2026-02-12T09:00:00Z
subject=
TRIAGE: 3 alert(s) from grafana wait for a responder: Disk full on db-1 (group grafana:disk). No route declares them. See `warroom alerts --triage`, then `warroom alerts declare 17 --severity P2` or `warroom alerts dismiss 17`
)golden";

}  // namespace warroom::notify
