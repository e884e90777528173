/**
 * The incident read API for integrators ({@code GET /api/incidents}, {@code GET /api/incidents/{key}}):
 * incidents as the calling user may see them, read from the engine's history and runtime, with the
 * replies notify published.
 *
 * <p>It was in {@code intake/}, but it is not part of taking mentions in: it reads what escalation and
 * notify produced ({@code IncidentProcess}, {@code IncidentVariables}, {@code OutboundActions}) and
 * nothing imports it. That puts it at the top of the dependency directions, beside {@code audit/},
 * and under the same rule: it only reads. It is not in {@code audit/} because its readers, format and
 * security differ (integrators, JSON documented by OpenAPI, HTTP Basic with Camunda's authorizations,
 * against auditors' pages and tamper-evident exports). Endpoints under {@code /api} that change
 * something stay with the feature that makes the change: the webhook in {@code intake/}, erasures in
 * {@code privacy/}, answer-all in {@code escalation/}. {@code ArchitectureTest} enforces this.
 */
package io.chefsache.api;
