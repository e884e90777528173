package io.chefsache.escalation;

import static io.chefsache.escalation.IncidentVariables.INCIDENT_KEY;
import static io.chefsache.escalation.IncidentVariables.MENTION_AUTHOR;
import static io.chefsache.escalation.IncidentVariables.MENTION_EXCERPT;
import static io.chefsache.escalation.IncidentVariables.MENTION_ID;
import static io.chefsache.escalation.IncidentVariables.MENTION_TEXT;
import static io.chefsache.escalation.IncidentVariables.MENTION_URL;
import static io.chefsache.escalation.IncidentVariables.PLATFORM;
import static io.chefsache.escalation.IncidentVariables.SITUATION_KEY;
import static io.chefsache.escalation.IncidentVariables.SITUATION_TITLE;
import static io.chefsache.escalation.IncidentVariables.STORY_ID;
import static io.chefsache.escalation.IncidentVariables.MENTION_LANGUAGE;
import static io.chefsache.escalation.IncidentVariables.THREAD_ID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** How the rest of Chefsache talks to the escalation model: open an incident, report new activity. */
@Service
public class IncidentProcess {

  public static final String PROCESS_KEY = "IncidentEscalationProcess";
  /** The process that sends one chat message beside an incident (same business key). */
  public static final String NOTIFICATION_PROCESS_KEY = "ChatNotification";
  public static final String MESSAGE_NEW_ACTIVITY = "IncidentNewActivity";
  private static final int EXCERPT_LENGTH = 80;
  /**
   * The longest text the engine keeps in a string variable (its history column holds 4,000
   * characters); the intake takes mentions up to 10,000, whose whole text stays in the mention table.
   */
  static final int SHOWN_LENGTH = 4_000;

  private final RuntimeService runtimeService;

  IncidentProcess(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** The incident key of a thread: one incident per conversation on one platform. */
  public static String incidentKey(String platform, String threadId) {
    return platform + ":" + threadId;
  }

  /**
   * Opens an incident for a thread's first mention. Triage runs right after the caller's transaction
   * commits (the start event is asynchronous), so opening stays cheap.
   *
   * @return the process instance id
   */
  public String open(FirstMention mention, IncidentFigures figures) {
    String key = incidentKey(mention.platform(), mention.threadId());
    VariableMap variables = Variables.createVariables()
        .putValue(INCIDENT_KEY, key)
        .putValue(PLATFORM, mention.platform())
        .putValue(THREAD_ID, mention.threadId())
        .putValue(MENTION_ID, mention.id())
        .putValue(MENTION_AUTHOR, mention.author())
        .putValue(MENTION_TEXT, shown(mention.text()))
        .putValue(MENTION_URL, mention.url())
        .putValue(MENTION_EXCERPT, excerpt(mention.text()))
        .putValue(STORY_ID, mention.storyId())
        .putValue(MENTION_LANGUAGE, ReplyTemplates.primaryLanguage(mention.language()))
        .putValue(SITUATION_KEY, null)
        .putValue(SITUATION_TITLE, null);
    variables.putAll(figures.toVariables());
    return runtimeService.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(key)
        .setVariables(variables)
        .execute()
        .getId();
  }

  /**
   * The mention's text as Tasklist's forms show it: whole up to {@value #SHOWN_LENGTH} characters,
   * else its beginning and "…" (the audit page and exports show the whole text).
   */
  static String shown(String text) {
    if (text == null || text.length() <= SHOWN_LENGTH) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(SHOWN_LENGTH - 1)) ? SHOWN_LENGTH - 2 : SHOWN_LENGTH - 1;
    return text.substring(0, end) + "…";
  }

  /** The first words of a text, at most {@value #EXCERPT_LENGTH} characters, for Tasklist's rows. */
  static String excerpt(String text) {
    if (text == null) {
      return null;
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    if (oneLine.length() <= EXCERPT_LENGTH) {
      return oneLine;
    }
    int cut = oneLine.lastIndexOf(' ', EXCERPT_LENGTH - 1);
    return oneLine.substring(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH - 1) + "…";
  }

  /** New figures for an open incident: the incident is triaged again and escalates if they cross a rule. */
  public void reportNewActivity(String processInstanceId, IncidentFigures figures) {
    runtimeService.createMessageCorrelation(MESSAGE_NEW_ACTIVITY)
        .processInstanceId(processInstanceId)
        .setVariables(figures.toVariables())
        .correlateWithResult();
  }
}
