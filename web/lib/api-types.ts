// Names for the REST API's shapes. All come from lib/api-schema.d.ts, which `npm run gen:api`
// generates from the contract src/api/openapi.json: change the contract, not these.
import type { components, paths } from "./api-schema";

type Schemas = components["schemas"];

/** The JSON answer of a path's method with the given (success) status. */
export type Ok<P extends keyof paths, M extends "get" | "post" | "put" = "get", S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type Me = Ok<"/api/v1/me">;
export type Kpis = Schemas["Kpis"];
export type KpiSummary = Schemas["KpiSummary"];
export type KpiDay = Schemas["KpiDay"];
export type Agent = Schemas["Agent"];
export type LeaderboardAgent = Schemas["LeaderboardAgent"];
export type CallDetail = Schemas["CallDetail"];
export type TranscriptTurn = Schemas["TranscriptTurn"];
export type Insight = NonNullable<Schemas["Insight"]>;
export type ReviewItem = Insight["review"][number];
export type InsightFlag = Insight["flags"][number];
export type Objection = Schemas["Objection"];
export type ObjectionKind = Objection["kind"];
export type CoachingReason = Schemas["CoachingReason"];
export type TrackerChip = Schemas["TrackerChip"];
export type Waveform = Schemas["Waveform"];
export type NotAnalysedReason = Schemas["NotAnalysedReason"];
export type Script = Schemas["Script"];
export type ScriptItem = Schemas["ScriptItem"];
export type AvailableNumber = Schemas["AvailableNumber"];
/** The spec's `Number` (a name that would shadow the global one). */
export type PhoneNumber = Schemas["Number"];
export type ListedNumber = Schemas["ListedNumber"];
export type OnboardingChecklist = Schemas["OnboardingChecklist"];
export type LlmReport = Ok<"/api/v1/admin/llm">;
export type Plan = Schemas["Plan"];
export type MissingCost = Schemas["MissingCost"];
export type MarginReport = Ok<"/api/v1/admin/margin">;
export type MarginTenant = MarginReport["tenants"][number];
export type LlmOutcomes = LlmReport["outcomes"];
export type LlmBudgetRow = LlmReport["budgets"][number];

/** The JSON body a path's method takes. */
export type Body<P extends keyof paths, M extends "post" | "put" | "patch"> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer T } };
}
  ? T
  : never;
