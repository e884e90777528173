package io.chefsache.security;

import java.util.List;

/**
 * A check a feature adds to every new deployment, beside the {@link DiagramRules} that apply to all
 * diagrams: for what only that feature knows a resource must mean (e.g. a decision table's rows).
 * A deployment with a refusal answers 400 naming the element, and nothing of it is deployed.
 */
public interface DeploymentCheck {

  /** Why the resource may not be deployed, or nothing if it may. */
  List<Refusal> check(String resource, byte[] content);

  /** What is wrong ({@code message}) with which element of the resource ({@code element}, its id). */
  record Refusal(String element, String message) {
  }
}
