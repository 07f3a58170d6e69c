// Internal: one token request however many callers wait, each with its own
// signal and time limit. The mechanism is @cadasto/core's SingleFlight (the
// templates client shares concurrent ensure() calls with it too).
export { SingleFlight } from "@cadasto/core";
