/** Row shapes of the helpdesk workflow's tables: teams, routing, service levels, notifications, canned replies. */

export interface TeamsTable {
  id: string;
  name: string;
  name_key: string;
  description: string | null;
  sla_policy_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  technician_id: string;
  added_at: number;
}

/** Category → team; the category `*` names the default team. */
export interface RoutingRulesTable {
  category: string;
  team_id: string;
}

export interface TicketTeamChangesTable {
  id: string;
  ticket_id: string;
  at: number;
  kind: string;
  from_team_id: string | null;
  to_team_id: string | null;
  technician_id: string | null;
  technician_name: string | null;
  note: string | null;
  message_id: string | null;
}

export interface SlaPoliciesTable {
  id: string;
  name: string;
  time_zone: string;
  week: string;
  holidays: string;
  targets: string;
  is_default: number;
  created_at: number;
  updated_at: number;
}

export interface SlaBreachesTable {
  id: string;
  ticket_id: string;
  target: string;
  due_at: number;
  recorded_at: number;
  policy_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  priority: string;
}

export interface NotificationsTable {
  id: string;
  technician_id: string;
  kind: string;
  ticket_id: string | null;
  details: string;
  created_at: number;
  read_at: number | null;
}

export interface CannedRepliesTable {
  id: string;
  team_id: string | null;
  title: string;
  body_en: string;
  body_zh_cn: string;
  created_at: number;
  updated_at: number;
}

export interface HelpdeskTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
  routing_rules: RoutingRulesTable;
  ticket_team_changes: TicketTeamChangesTable;
  sla_policies: SlaPoliciesTable;
  sla_breaches: SlaBreachesTable;
  notifications: NotificationsTable;
  canned_replies: CannedRepliesTable;
}
