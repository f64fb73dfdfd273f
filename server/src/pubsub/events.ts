/**
 * Every live event the server publishes. Payloads stay small and JSON-safe because they may
 * cross Redis; subscribers load what they show from Postgres, the system of record.
 * The first argument is the topic id: events never leave their project.
 */
export type PubSubEvents = {
  auditLogEntryCreated: [projectId: string, payload: { id: string }];
};
