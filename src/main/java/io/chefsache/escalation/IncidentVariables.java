package io.chefsache.escalation;

/** Names of the process variables of an incident, shared by the diagrams, the forms and the code. */
public final class IncidentVariables {
  public static final String INCIDENT_KEY = "incidentKey";
  public static final String PLATFORM = "platform";
  public static final String THREAD_ID = "threadId";
  public static final String MENTION_ID = "mentionId";
  public static final String MENTION_TEXT = "mentionText";
  public static final String MENTION_AUTHOR = "mentionAuthor";
  public static final String MENTION_URL = "mentionUrl";
  /** The first words (about 80 characters) of the mention: what Tasklist shows in a row. */
  public static final String MENTION_EXCERPT = "mentionExcerpt";

  /** Set on the processes of a situation (threads forming one story); absent on an incident in none. */
  public static final String SITUATION_KEY = "situationKey";
  public static final String SITUATION_TITLE = "situationTitle";

  public static final String MENTION_COUNT = "mentionCount";
  public static final String NEGATIVE_MENTIONS_60M = "negativeMentions60m";
  public static final String HIGHEST_REACH = "highestReach";
  public static final String LOWEST_SENTIMENT = "lowestSentiment";
  public static final String TOPICS = "topics";
  public static final String PRESS_INVOLVED = "pressInvolved";

  public static final String LEVEL = "level";
  public static final String LEVEL_NAME = "levelName";
  public static final String LEVEL_CAUSE = "levelCause";
  public static final String LEVEL_CAUSE_TYPE = "levelCauseType";
  public static final String LEVEL_CHANGED_AT = "levelChangedAt";
  public static final String TRIAGE = "triage";
  public static final String ESCALATION_CODE = "escalationCode";
  public static final String TRIAGE_RULES_VERSION = "triageRulesVersion";
  public static final String DEADLINE_RULES_VERSION = "deadlineRulesVersion";

  public static final String CREW_DECISION = "crewDecision";
  public static final String REPLY_TEMPLATE = "replyTemplate";
  public static final String REPLY_TEXT = "replyText";
  public static final String CLOSE_REASON = "closeReason";
  public static final String MANAGEMENT_DECISION = "managementDecision";
  public static final String REWRITTEN_REPLY = "rewrittenReply";
  public static final String DECISION_REASON = "decisionReason";

  /** Local input of every publishing service task: the text that goes public. */
  public static final String PUBLISH_TEXT = "publishText";
  public static final String PUBLISHED_REPLY_ID = "publishedReplyId";
  public static final String NOTIFY_GROUP = "notifyGroup";
  public static final String NOTIFY_EVENT = "notifyEvent";

  private IncidentVariables() {
  }
}
