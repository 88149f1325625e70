// Wire types of the app's commands: generated from the Rust contract (ts-rs) into
// ./generated, which is authoritative. Only local aliases live here.
import type { DemoCitizenView, SessionInfo } from "./generated";

export type * from "./generated";

/** One demo citizen of the README (embedded demo region only). */
export type DemoCitizen = DemoCitizenView;
/** What `login_prescription` returns. */
export type LoginView = SessionInfo;
