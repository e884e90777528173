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
  /** The first words of the first mention, for Tasklist's rows. */
  public static final String MENTION_EXCERPT = "mentionExcerpt";
  /** The first mention's language (ISO 639-1, e.g. {@code de}): declared by the listening tool or detected. */
  public static final String MENTION_LANGUAGE = "mentionLanguage";
  /** The other reply templates in the mention's language, for the crew to copy from. */
  public static final String OTHER_REPLY_TEMPLATES = "otherReplyTemplates";
  /** The crew's "answer all other open threads of this situation with the line as well". */
  public static final String ANSWER_ALL_OPEN_THREADS = "answerAllOpenThreads";
  public static final String STORY_ID = "storyId";

  /** The situation (story) a thread belongs to; null while it belongs to none. */
  public static final String SITUATION_KEY = "situationKey";
  public static final String SITUATION_TITLE = "situationTitle";
  /** DMN SituationGrouping's result: storyKey, storyName, groupingWindow. */
  public static final String GROUPING = "grouping";
  public static final String THREAD_COUNT = "threadCount";
  public static final String PLATFORMS = "platforms";
  public static final String LEAD_PROCESS_INSTANCE_ID = "leadProcessInstanceId";

  public static final String MENTION_COUNT = "mentionCount";
  public static final String NEGATIVE_MENTIONS_60M = "negativeMentions60m";
  public static final String HIGHEST_REACH = "highestReach";
  public static final String LOWEST_SENTIMENT = "lowestSentiment";
  public static final String TOPICS = "topics";
  public static final String PRESS_INVOLVED = "pressInvolved";

  public static final String LEVEL = "level";
  public static final String LEVEL_NAME = "levelName";
  /** The level as people read it ("Krisenstab mit CEO"), for forms; {@link #LEVEL_NAME} is its code. */
  public static final String LEVEL_LABEL = "levelLabel";
  public static final String LEVEL_CAUSE = "levelCause";
  public static final String LEVEL_CAUSE_TYPE = "levelCauseType";
  public static final String LEVEL_CHANGED_AT = "levelChangedAt";
  public static final String TRIAGE = "triage";
  public static final String ESCALATION_CODE = "escalationCode";
  public static final String TRIAGE_RULES_VERSION = "triageRulesVersion";
  public static final String DEADLINE_RULES_VERSION = "deadlineRulesVersion";
  public static final String GROUPING_RULES_VERSION = "groupingRulesVersion";

  public static final String CREW_DECISION = "crewDecision";
  public static final String REPLY_TEXT = "replyText";
  public static final String CLOSE_REASON = "closeReason";
  public static final String PROPOSED_REPLY = "proposedReply";
  public static final String MANAGEMENT_DECISION = "managementDecision";
  public static final String REWRITTEN_REPLY = "rewrittenReply";
  public static final String DECISION_REASON = "decisionReason";
  public static final String HOLDING_STATEMENT = "holdingStatement";
  public static final String HOLDING_STATEMENT_DECISION = "holdingStatementDecision";

  /** The line management sets for a situation, and what the crew makes of it per thread. */
  public static final String LINE_CORE_STATEMENT = "lineCoreStatement";
  public static final String LINE_REPLY = "lineReply";
  public static final String LINE_TONE = "lineTone";
  public static final String LINE_AVOID = "lineAvoid";
  public static final String LINE_ANSWERS = "lineAnswers";
  public static final String PAUSE_POSTS = "pausePosts";
  public static final String ANSWER_ALL = "answerAllWithLine";
  public static final String LINE_STATUS = "lineStatus";
  /** Which line a thread's crew task carries: when it was set, or {@code none}. */
  public static final String LINE_VERSION = "lineVersion";
  public static final String LINE_SUMMARY = "lineSummary";
  public static final String THREAD_ANSWER = "threadAnswer";
  public static final String OVERDUE_THREADS = "overdueThreads";
  /** Who acted, as the engine authenticated them (not the task's assignee). */
  public static final String ANSWERED_BY = "answeredBy";
  public static final String LINE_SET_BY = "lineSetBy";
  public static final String LINE_SET_AT = "lineSetAt";
  public static final String ESCALATION_DETAIL = "escalationDetail";

  /** Local input of every publishing service task: the text that goes public. */
  public static final String PUBLISH_TEXT = "publishText";
  public static final String PUBLISHED_REPLY_ID = "publishedReplyId";
  /** The process that asked for a chat message: its group's open task there is what the message links. */
  public static final String NOTIFIED_FROM = "notifiedFrom";
  public static final String NOTIFY_GROUP = "notifyGroup";
  public static final String NOTIFY_EVENT = "notifyEvent";

  private IncidentVariables() {
  }
}
