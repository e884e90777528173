package io.chefsache.security;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.Problem;

/**
 * What a deployed BPMN or DMN file may contain (src/site/markdown/process-owners.md): no scripts, no
 * Java classes, no connectors, JUEL only from {@link ExpressionRules}, FEEL only in decision tables.
 * Every attribute and every text of the file is looked at, not a list of known places: an expression
 * in a place this class does not know is still checked.
 */
final class DiagramRules {

  /** Scripts, Java, and HTML (an embedded form's scripts would run in Tasklist, in other people's browsers). */
  private static final Set<String> CODE_FILES = Set.of(".groovy", ".js", ".py", ".rb", ".java", ".class", ".jar",
      ".html", ".htm");
  private static final Set<String> CMMN_FILES = Set.of(".cmmn", ".cmmn10.xml", ".cmmn11.xml");

  /** FEEL's {@code function(…) external {java: …}}: the engine has it switched off and fails with a 500. */
  /** {@code external} before a context (checked once FEEL's comments are taken out). */
  private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\s*\\{");
  private static final Pattern FEEL_COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  private final ExpressionRules expressions;

  DiagramRules(ExpressionRules expressions) {
    this.expressions = expressions;
  }

  static boolean isBpmn(String resource) {
    return resource.endsWith(".bpmn") || resource.endsWith(".bpmn20.xml");
  }

  static boolean isDmn(String resource) {
    return resource.endsWith(".dmn") || resource.endsWith(".dmn11.xml");
  }

  /** The reasons the resource is refused; empty if it may be deployed. */
  List<Problem> check(String resource, byte[] content) {
    String lower = resource.toLowerCase(Locale.ROOT);
    if (CODE_FILES.stream().anyMatch(lower::endsWith) || CMMN_FILES.stream().anyMatch(lower::endsWith)) {
      return List.of(new RuleViolation(resource + " is code, HTML or CMMN, which deployments may not contain",
          0, 0, null));
    }
    if (!isBpmn(lower) && !isDmn(lower)) {
      return List.of();
    }
    try {
      return new Scan(isDmn(lower)).run(content);
    } catch (XMLStreamException e) {
      return List.of(new RuleViolation("is not well-formed XML: " + e.getMessage(), 0, 0, null));
    }
  }

  private final class Scan {
    private final boolean decision;
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<String> ids = new ArrayDeque<>();
    private final Deque<StringBuilder> texts = new ArrayDeque<>();
    private final Deque<String> elements = new ArrayDeque<>();
    private XMLStreamReader xml;

    Scan(boolean decision) {
      this.decision = decision;
    }

    List<Problem> run(byte[] content) throws XMLStreamException {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      xml = factory.createXMLStreamReader(new ByteArrayInputStream(content));
      while (xml.hasNext()) {
        switch (xml.next()) {
          case XMLStreamReader.START_ELEMENT -> startElement();
          case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> texts.peek().append(xml.getText());
          case XMLStreamReader.END_ELEMENT -> endElement();
          default -> { }
        }
      }
      return problems;
    }

    private void startElement() {
      // by local name in any namespace: the engine also reads Activiti's legacy namespace
      String element = xml.getLocalName();
      if (!decision && element.endsWith("EventDefinition") && startsAProcess()) {
        // reported on the start event, whose id is still the innermost
        refuse("starts the process on its own (" + element + "); a process of the crisis plan starts only "
            + "through Chefsache, so that every run has a cause in the record and nobody acts unseen");
      }
      String id = xml.getAttributeValue(null, "id");
      ids.push(id != null ? id : ids.isEmpty() ? "" : ids.peek());
      texts.push(new StringBuilder());
      elements.push(element);
      if (element.equals("scriptTask") || element.equals("script")) {
        refuse("is a script; diagrams may not contain scripts");
      }
      if (element.equals("connector")) {
        refuse("is a connector; outbound calls go through the application's delegates");
      }
      for (int i = 0; i < xml.getAttributeCount(); i++) {
        checkAttribute(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
      }
    }

    private void checkAttribute(String name, String value) {
      if (name.equals("class") || name.endsWith("Class")) {
        refuse("names the Java class " + value + " (" + name + "); "
            + "use a delegate expression such as ${notifyGroupDelegate}");
      } else if (name.equals("resource") || name.equals("scriptFormat") || name.equals("language")) {
        refuse("has a script (" + name + "=\"" + value + "\"); diagrams may not contain scripts");
      } else if (name.equals("expressionLanguage") && decision && !isFeel(value)) {
        refuse("uses the expression language " + value + "; decision tables use FEEL only");
      } else if (name.equals("delegateExpression")) {
        expressions.checkDelegate(value).ifPresent(why -> refuse("delegate expression " + value + " " + why));
      } else if (!decision && ExpressionRules.isExpression(value)) {
        expressions.check(value).ifPresent(why -> refuse("expression " + value + " " + why));
      }
    }

    private void endElement() {
      String text = texts.pop().toString().trim();
      if (decision && FEEL_EXTERNAL.matcher(FEEL_COMMENT.matcher(text).replaceAll(" ")).find()) {
        refuse("defines a FEEL external function (" + text + "); decision tables may not call Java");
      }
      if (!decision && ExpressionRules.isExpression(text)) {
        expressions.check(text).ifPresent(why -> refuse("expression " + text + " " + why));
      }
      ids.pop();
      elements.pop();
    }

    /** Whether the current element sits in a start event of a process (not of an event sub-process). */
    private boolean startsAProcess() {
      var outer = elements.iterator();
      return outer.hasNext() && outer.next().equals("startEvent") && outer.hasNext() && outer.next().equals("process");
    }

    private void refuse(String why) {
      String element = ids.peek();
      Location at = xml.getLocation();
      String where = element == null || element.isEmpty() ? "" : element + ": ";
      problems.add(new RuleViolation(where + why, at.getLineNumber(), at.getColumnNumber(), element));
    }
  }

  private static boolean isFeel(String language) {
    String lower = language.toLowerCase(Locale.ROOT);
    return lower.equals("feel") || lower.endsWith("/feel/") || lower.endsWith("/feel");
  }

  /** A refused part of a diagram, reported the way the engine reports its own parse errors. */
  record RuleViolation(String message, int line, int column, String element) implements Problem {

    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return line;
    }

    @Override
    public int getColumn() {
      return column;
    }

    @Override
    public String getMainElementId() {
      return element;
    }

    @Override
    public List<String> getElementIds() {
      return element == null || element.isEmpty() ? List.of() : List.of(element);
    }
  }
}
