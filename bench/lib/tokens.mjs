// Row 1: how many token requests authenticated calls cause, and whether calls wait on them.
// The sandbox (real oidc-provider on loopback) runs in a child process; it counts the token
// requests that reach it. Waiting is measured through public APIs only: the token source is
// wrapped to time getToken(), and the token endpoint is reached through an instrumented
// `customFetch` that records when each token response has fully arrived. A call "waited on a
// token request" when a token response arrived while its getToken() was pending.
import { missingExports } from "./available.mjs";
import { readOk, runCalls } from "./load.mjs";
import { startSandboxProcess } from "./sandbox.mjs";
import { median, percentile } from "./stats.mjs";

const BURST_CALLS = 1000;
const BURST_REPEATS = 5;
const LIFETIME_CALLS = 10_000;
// JWT `exp` counts whole seconds, so a token lives between TTL - 1 and TTL seconds, and a
// renewal takes a few ms more: a 20 s TTL with a 10% margin (2 s) never sends an expired
// token, and keeps the proportion of a 60-minute token with the default 6-minute margin.
const TTL_SECONDS = 20;
const MARGIN_MS = TTL_SECONDS * 100;
const LIFETIMES = 3;
const LIFETIME_CONCURRENCY = 50;
const LIFETIME_REPEATS = 3;
const SCOPE = "api.read";

/** A fetch for the token endpoint that logs when each response body has fully arrived. */
function instrumentedFetch() {
  const requests = [];
  const fetchImpl = async (input, init) => {
    const record = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    requests.push(record);
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      record.end = performance.now();
    }
  };
  return { requests, fetch: fetchImpl };
}

/** Wraps a token source so each getToken() call's start and end are recorded. */
function timedSource(source) {
  const calls = [];
  return {
    calls,
    source: {
      async getToken(options) {
        const call = { start: performance.now(), end: 0 };
        calls.push(call);
        try {
          return await source.getToken(options);
        } finally {
          call.end = performance.now();
        }
      },
      invalidate: (token) => source.invalidate?.(token),
    },
  };
}

function countWaited(calls, requests) {
  let waited = 0;
  for (const call of calls) if (requests.some((r) => r.end >= call.start && r.end <= call.end)) waited++;
  return waited;
}

/** The two clients under test: ours, and openid-client behind the usual hand-written cache. */
function clients(auth, oidc) {
  return [
    {
      id: "cadasto-auth",
      label: "@cadasto/auth clientCredentials + authFetch (renews 10% before expiry, in the background)",
      create(sb, customFetch) {
        const inner = auth.clientCredentials({
          tokenEndpoint: sb.tokenEndpoint,
          clientId: sb.clientId,
          clientSecret: sb.clientSecret,
          audience: sb.apiBaseUrl,
          scope: [SCOPE],
          // The default margin for a 60-minute token is 10% of its life; a 20 s test token
          // would get half its life (the clamp for short tokens), so ask for the same 10%.
          refreshMargin: MARGIN_MS,
          fetch: customFetch,
        });
        const timed = timedSource(inner);
        const call = auth.authFetch(timed.source);
        return {
          calls: timed.calls,
          call: (url) => call(url).then((res) => readOk(res, "authFetch")),
          warm: () => timed.source.getToken(),
        };
      },
    },
    {
      id: "openid-client-naive-cache",
      label: "openid-client clientCredentialsGrant + check-then-fetch cache (renews 10% before expiry, while callers wait)",
      create(sb, customFetch) {
        const config = new oidc.Configuration(
          { issuer: sb.authBaseUrl, token_endpoint: sb.tokenEndpoint },
          sb.clientId,
          {},
          oidc.ClientSecretBasic(sb.clientSecret),
        );
        oidc.allowInsecureRequests(config);
        config[oidc.customFetch] = customFetch;
        let cached;
        const inner = {
          async getToken() {
            if (!cached || performance.now() >= cached.renewAt) {
              const sentAt = performance.now();
              const t = await oidc.clientCredentialsGrant(config, { audience: sb.apiBaseUrl, scope: SCOPE });
              cached = { value: t.access_token, renewAt: sentAt + t.expires_in * 1000 - MARGIN_MS };
            }
            return cached;
          },
        };
        const timed = timedSource(inner);
        const call = async (url) => {
          const token = await timed.source.getToken();
          return readOk(await fetch(url, { headers: { authorization: `Bearer ${token.value}` } }), "fetch");
        };
        return { calls: timed.calls, call, warm: () => timed.source.getToken() };
      },
    },
  ];
}

const listUrl = (sb) => `${sb.apiBaseUrl}/definition/template/adl1.4`;

async function coldBurst(sb, client) {
  const log = instrumentedFetch();
  const c = client.create(sb, log.fetch);
  const before = (await sb.stats()).tokenRequests;
  await Promise.all(Array.from({ length: BURST_CALLS }, () => c.call(listUrl(sb))));
  return (await sb.stats()).tokenRequests - before;
}

async function lifetimes(sb, client) {
  const log = instrumentedFetch();
  const c = client.create(sb, log.fetch);
  await c.warm(); // the first token request: every call after it should find a token ready
  const warmCalls = c.calls.length;
  const before = (await sb.stats()).tokenRequests;
  const spanMs = LIFETIMES * TTL_SECONDS * 1000;
  const elapsed = await runCalls({ calls: LIFETIME_CALLS, concurrency: LIFETIME_CONCURRENCY, spanMs }, () => c.call(listUrl(sb)));
  const tokenRequests = (await sb.stats()).tokenRequests - before;
  const calls = c.calls.slice(warmCalls);
  const lifetimesSpanned = elapsed / (TTL_SECONDS * 1000);
  const durations = calls.map((x) => x.end - x.start);
  return {
    elapsedMs: elapsed,
    tokenRequests,
    lifetimesSpanned,
    tokenRequestsPerLifetime: tokenRequests / lifetimesSpanned,
    waitedAfterFirst: countWaited(calls, log.requests),
    getTokenP99Ms: percentile(durations, 99),
    getTokenMaxMs: Math.max(...durations),
  };
}

export async function measureTokens() {
  const skipped = await missingExports({
    "@cadasto/sandbox": ["startSandbox"],
    "@cadasto/auth": ["clientCredentials", "authFetch"],
  });
  if (skipped) return { skipped };
  const auth = await import("@cadasto/auth");
  const oidc = await import("openid-client");
  const sides = clients(auth, oidc);

  const results = new Map(sides.map((s) => [s.id, { burst: [], lifetimes: [] }]));
  const burstBox = await startSandboxProcess({});
  try {
    for (let r = 0; r < BURST_REPEATS; r++) {
      for (const side of r % 2 ? [...sides].reverse() : sides) results.get(side.id).burst.push(await coldBurst(burstBox, side));
    }
  } finally {
    await burstBox.close();
  }
  // The lifetime runs are long and light (a few hundred calls a second), so both sides run
  // at the same time, each against its own sandbox process (the sandbox counts per process).
  const shortBoxes = await Promise.all(sides.map(() => startSandboxProcess({ tokenTtlSeconds: TTL_SECONDS })));
  try {
    for (let r = 0; r < LIFETIME_REPEATS; r++) {
      const runs = await Promise.all(sides.map((side, i) => lifetimes(shortBoxes[i], side)));
      for (const [i, side] of sides.entries()) results.get(side.id).lifetimes.push(runs[i]);
    }
  } finally {
    await Promise.all(shortBoxes.map((box) => box.close()));
  }

  return {
    description:
      `Cold cache: ${BURST_CALLS} concurrent authenticated calls on a new token source (median of ${BURST_REPEATS}). ` +
      `Lifetimes: after one first token, ${LIFETIME_CALLS.toLocaleString("en")} calls spread evenly over ${LIFETIMES} token lifetimes ` +
      `(token TTL ${TTL_SECONDS} s, renewed ${MARGIN_MS / 1000} s before expiry by both clients; ` +
      `${LIFETIME_CONCURRENCY} in flight at most; both clients at once, each against its own sandbox; median of ${LIFETIME_REPEATS}). ` +
      "Token requests are counted by the sandbox; a call waited when a token response arrived while its getToken() was pending.",
    rows: sides.map((side) => {
      const r = results.get(side.id);
      const pick = (key) => median(r.lifetimes.map((x) => x[key]));
      return {
        id: side.id,
        label: side.label,
        coldBurst: { calls: BURST_CALLS, tokenRequestsMedian: median(r.burst), samples: r.burst },
        lifetimes: {
          tokenRequestsMedian: pick("tokenRequests"),
          lifetimesSpannedMedian: pick("lifetimesSpanned"),
          tokenRequestsPerLifetimeMedian: pick("tokenRequestsPerLifetime"),
          waitedAfterFirstMedian: pick("waitedAfterFirst"),
          getTokenP99MsMedian: pick("getTokenP99Ms"),
          getTokenMaxMsMedian: pick("getTokenMaxMs"),
          samples: r.lifetimes,
        },
      };
    }),
  };
}
