package io.chefsache.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNode;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The allow-list for the JUEL expressions of a diagram (src/site/markdown/process-owners.md): process
 * variables and their fields, literals, operators, the application's delegate beans by name, and a
 * few documented functions. Everything else that EL could reach (any method of any object, any
 * Spring bean, {@code execution}'s services) could run code as the application, so it is refused.
 *
 * <p>The expression is parsed by the engine's own JUEL parser, so what is checked is exactly what the
 * engine would evaluate. That parser is internal API of Camunda (no public one exists).
 */
final class ExpressionRules {

  /** Objects the engine puts into every expression; only these methods of them, which touch variables. */
  private static final Map<String, Set<String>> ENGINE_OBJECTS = Map.of(
      "execution", Set.of("getVariable", "getVariableLocal", "setVariable", "setVariableLocal", "hasVariable"),
      "task", Set.of("getVariable", "getVariableLocal", "setVariable", "setVariableLocal", "hasVariable"));

  /** What a diagram may read of the engine's objects, e.g. {@code #{execution.processBusinessKey}}. */
  private static final Set<String> ENGINE_OBJECT_FIELDS = Set.of("processBusinessKey", "businessKey",
      "processInstanceId", "id", "currentActivityId", "eventName", "name", "assignee", "owner", "taskDefinitionKey",
      "priority", "dueDate");

  /** Methods of application beans a diagram may call: the documented functions. */
  private static final Map<String, Set<String>> FUNCTION_BEANS = Map.of(
      "dueDates", Set.of("after"),
      "situations", Set.of("hasLine", "needsLine", "inCrisis"));

  /** Camunda's built-in EL functions: dates and the current user. */
  private static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private final Predicate<String> isBean;
  private final Predicate<String> isAllowedBean;

  /**
   * @param isBean whether a name resolves to a Spring bean (the engine resolves beans by name)
   * @param isAllowedBean whether a diagram may name that bean: the application's delegates and listeners
   */
  ExpressionRules(Predicate<String> isBean, Predicate<String> isAllowedBean) {
    this.isBean = isBean;
    this.isAllowedBean = isAllowedBean;
  }

  static boolean isExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  /** Why the expression is refused, or empty if it is allowed. */
  Optional<String> check(String expression) {
    try {
      return check(PARSER.build(expression).getRoot());
    } catch (TreeBuilderException e) {
      return Optional.of("is not a valid expression: " + e.getMessage());
    }
  }

  /** Why a delegate expression is refused: it must name one of the application's delegates or listeners. */
  Optional<String> checkDelegate(String expression) {
    String trimmed = expression.trim();
    String name = trimmed.startsWith("${") && trimmed.endsWith("}")
        ? trimmed.substring(2, trimmed.length() - 1).trim() : "";
    if (isAllowedBean.test(name) && !FUNCTION_BEANS.containsKey(name)) {
      return Optional.empty();
    }
    return Optional.of("must name one of the application's delegates, e.g. ${notifyGroupDelegate}");
  }

  private Optional<String> check(Node node) {
    if (node instanceof AstMethod method) {
      return checkMethod(method);
    }
    if (node instanceof AstProperty property) {
      return checkProperty(property);
    }
    if (node instanceof AstIdentifier identifier) {
      return checkIdentifier(identifier.getName());
    }
    if (node instanceof AstFunction function && !FUNCTIONS.contains(function.getName())) {
      return Optional.of("calls " + function.getName() + "(), which is not one of " + FUNCTIONS);
    }
    return children(node);
  }

  private Optional<String> children(Node node) {
    for (int i = 0; i < node.getCardinality(); i++) {
      Optional<String> problem = check(node.getChild(i));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkIdentifier(String name) {
    if (ENGINE_OBJECTS.containsKey(name) || FUNCTION_BEANS.containsKey(name)) {
      return Optional.of("uses " + name + " other than through its allowed methods");
    }
    if (isBean.test(name) && !isAllowedBean.test(name)) {
      return Optional.of("uses the application object " + name + ", which diagrams may not use");
    }
    return Optional.empty();
  }

  /** {@code a.b} or {@code a['b']}: a field of a process variable, never of an object that could run code. */
  private Optional<String> checkProperty(AstProperty property) {
    AstNode prefix = (AstNode) property.getChild(0);
    Optional<String> name = propertyName(property);
    if (name.isEmpty()) {
      return Optional.of("reads a field by a computed name; write the name literally, e.g. deadlines.responseDue");
    }
    if (name.get().equals("class")) {
      return Optional.of("reads '" + name.get() + "', which diagrams may not use");
    }
    if (prefix instanceof AstIdentifier root) {
      if (ENGINE_OBJECTS.containsKey(root.getName()) && ENGINE_OBJECT_FIELDS.contains(name.get())) {
        return Optional.empty();
      }
      if (isBean.test(root.getName()) || ENGINE_OBJECTS.containsKey(root.getName())
          || FUNCTION_BEANS.containsKey(root.getName())) {
        return Optional.of("reads " + root.getName() + "." + name.get()
            + ": only fields of process variables may be read");
      }
      return Optional.empty();
    }
    if (prefix instanceof AstProperty inner) {
      return checkProperty(inner);
    }
    return Optional.of("reads a field of a computed value; only fields of process variables may be read");
  }

  private static Optional<String> propertyName(AstProperty property) {
    if (property instanceof AstDot dot) {
      return Optional.of(dot.toString().substring(2));
    }
    if (property instanceof AstBracket bracket) {
      Node key = bracket.getChild(1);
      if (key instanceof AstString || key instanceof AstNumber) {
        return Optional.of(String.valueOf(((AstNode) key).eval(null, null)));
      }
    }
    return Optional.empty();
  }

  /** {@code target.method(...)}: only the documented functions and the variable methods of the engine's objects. */
  private Optional<String> checkMethod(AstMethod method) {
    Node call = method.getChild(0);
    String described = describe(call);
    if (call instanceof AstDot dot && dot.getChild(0) instanceof AstIdentifier target) {
      String name = dot.toString().substring(2);
      Set<String> allowed = ENGINE_OBJECTS.getOrDefault(target.getName(), FUNCTION_BEANS.get(target.getName()));
      if (allowed != null && allowed.contains(name)) {
        return children(method.getChild(1));
      }
    }
    return Optional.of("calls the method " + described + "(), which is not one of the allowed functions "
        + "(dueDates.after, situations.hasLine, situations.needsLine, situations.inCrisis, execution.getVariable/setVariable)");
  }

  private static String describe(Node call) {
    if (call instanceof AstDot dot) {
      Node prefix = dot.getChild(0);
      String target = prefix instanceof AstIdentifier identifier ? identifier.getName() : "…";
      return target + "." + dot.toString().substring(2);
    }
    return "…";
  }
}
