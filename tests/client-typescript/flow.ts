// The everyday flow, through a client generated from the served OpenAPI document and nothing else: if the document
// stops describing what the server sends and accepts, this fails to compile or to run.
import assert from "node:assert/strict";
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/treu.js";

type PurchaseRequest = components["schemas"]["PurchaseRequest"];
type RuleRequest = components["schemas"]["RuleRequest"];

const baseUrl = required("TREU_URL");
const till = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${required("TREU_POS_KEY")}` } });
const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${required("TREU_ADMIN_KEY")}` } });

function required(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} is not set`);
  return value;
}

/** The answer's body, after checking its status; a problem answer is shown whole. */
function body<T>(answer: { data?: T; error?: unknown; response: Response }, status: number): T {
  assert.equal(answer.response.status, status, JSON.stringify(answer.error));
  assert.ok(answer.data !== undefined);
  return answer.data;
}

const run = Date.now().toString();
const card = `27${run}`.slice(0, 13);

// Enrol at the till, identify by card.
const enrolled = body(await till.POST("/v1/members", {
  params: { header: { "Idempotency-Key": `enrol-${run}` } },
  body: {
    email: `client-${run}@example.de`, firstName: "Ben", language: "en", cards: [card],
    consents: [{ purpose: "terms", granted: true, textVersion: "2026-01" }],
  },
}), 201);
assert.equal(enrolled.status, "active");
const found = body(await till.GET("/v1/members/lookup", { params: { query: { card } } }), 200);
assert.equal(found.id, enrolled.id);

// Preview, then record the same basket.
const basket: PurchaseRequest = {
  memberId: found.id, externalId: `R-${run}`, currency: "EUR",
  lines: [
    { sku: "4006381333931", name: "Organic coffee", category: "grocery", quantity: 2, unitPrice: 8.99, discount: 1.0 },
    { sku: "BREAD-1", name: "Bread", category: "bakery", quantity: 1, unitPrice: 3.5 },
  ],
};
const preview = body(await till.POST("/v1/transactions/preview", { body: basket }), 200);
const purchase = body(await till.POST("/v1/transactions", { body: basket }), 201);
assert.equal(purchase.total, 20.48);
assert.equal(purchase.earned.points, preview.earned.points);
assert.ok(purchase.earned.points > 0);

// Balance and ledger.
const balance = body(await till.GET("/v1/members/{id}/balance", { params: { path: { id: found.id } } }), 200);
assert.equal(balance.available + balance.pending, purchase.balance.available + purchase.balance.pending);
const ledger = body(await till.GET("/v1/members/{id}/ledger", { params: { path: { id: found.id }, query: { limit: 10 } } }), 200);
assert.ok(ledger.items.some(entry => entry.kind === "earn" && entry.points === purchase.earned.points));

// Return the bread.
const returned = body(await till.POST("/v1/transactions/{id}/returns", {
  params: { path: { id: purchase.id } },
  body: { externalId: `RET-${run}`, lines: [{ sku: "BREAD-1", quantity: 1 }] },
}), 201);
assert.equal(returned.lines.length, 1);
assert.ok(returned.pointsReversed > 0);

// An error arrives typed, with its code.
const missing = await till.GET("/v1/members/{id}", { params: { path: { id: "mbr_does_not_exist" } } });
assert.equal(missing.response.status, 404);
assert.equal(missing.error?.code, "member_not_found");

// Every rule, read and saved back as it was read: a new version with the same definition.
// The program's base rate is listed as a built-in rule; it is changed through the program's settings, not saved back.
const rules = body(await admin.GET("/v1/admin/rules"), 200).filter((r) => !r.builtIn);
assert.ok(rules.length >= 4, `only ${rules.length} rules`);
for (const listed of rules) {
  const rule = body(await admin.GET("/v1/admin/rules/{id}", { params: { path: { id: listed.id } } }), 200);
  const request: RuleRequest = { definition: rule.definition };
  const saved = body(await admin.PUT("/v1/admin/rules/{id}", { params: { path: { id: rule.id } }, body: request }), 200);
  assert.equal(saved.version, rule.version + 1);
  assert.deepEqual(saved.definition, rule.definition);
}

console.log(`the generated client ran the flow: ${rules.length} rules saved back unchanged`);
