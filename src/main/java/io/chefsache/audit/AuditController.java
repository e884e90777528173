package io.chefsache.audit;

import io.chefsache.config.Texts;
import io.chefsache.escalation.IncidentProcess;
import io.chefsache.security.BreakGlassRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditors' pages: incidents of a period with their figures, one incident's timeline with its
 * volume chart and diagrams, exports with a hash chain. Read-only: every page is a GET; the only
 * thing written is the head of each export, so that copies can be checked later.
 */
@Controller
@RequestMapping("/audit")
class AuditController {

  private static final Pattern NAME = Pattern.compile(" name=\"([^\"]*\\$\\{[^\"]*)\"");
  private static final Pattern NAME_EXPRESSION = Pattern.compile("\\$\\{[^}]*\\}");

  private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private final IncidentList incidents;
  private final IncidentTimeline timelines;
  private final SituationRecord situations;
  private final BreakGlassRecord breakGlass;
  private final AuditFigures figures;
  private final AuditExports exports;
  private final ExportPermits permits;
  private final RepositoryService repository;
  private final Clock clock;
  private final MessageSource messages;
  private final List<Locale> languages;

  AuditController(IncidentList incidents, IncidentTimeline timelines, AuditFigures figures, AuditExports exports,
      ExportPermits permits, SituationRecord situations, BreakGlassRecord breakGlass, RepositoryService repository,
      Clock clock, MessageSource messages, Texts texts) {
    this.breakGlass = breakGlass;
    this.messages = messages;
    this.languages = texts.languages();
    this.permits = permits;
    this.situations = situations;
    this.incidents = incidents;
    this.timelines = timelines;
    this.figures = figures;
    this.exports = exports;
    this.repository = repository;
    this.clock = clock;
  }

  @GetMapping("/login")
  String login() {
    return "audit/login";
  }

  @GetMapping("/forbidden")
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String forbidden(Principal user, Model model) {
    model.addAttribute("user", user.getName());
    return "audit/forbidden";
  }

  /** Links to this page in each language Chefsache has texts for (the switch in every page's header). */
  @ModelAttribute("languages")
  List<Language> languages(HttpServletRequest request, Locale viewer) {
    return languages.stream().map(language -> new Language(language.getLanguage(),
        language.getDisplayLanguage(language), UriComponentsBuilder.fromPath(request.getRequestURI())
            .query(request.getQueryString()).replaceQueryParam("lang", language.getLanguage()).build().toUriString(),
        language.getLanguage().equals(viewer.getLanguage()))).toList();
  }

  /** A language of the switch: its code, its name in itself, the link to this page in it. */
  record Language(String code, String name, String url, boolean current) {
  }

  @GetMapping
  String list(@RequestParam(required = false) Integer level,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) Boolean breached, Principal user, ZoneId zone, Model model) {
    Period period = Period.of(from, to, clock, zone);
    model.addAttribute("user", user.getName());
    model.addAttribute("level", level);
    model.addAttribute("breached", breached);
    model.addAttribute("from", period.fromDate());
    model.addAttribute("to", period.toDate());
    model.addAttribute("incidents", incidents.list(new IncidentList.Filter(level, period.from(), period.to(), breached)));
    model.addAttribute("limit", IncidentList.LIMIT);
    model.addAttribute("figures", figures.of(period.from(), period.to()));
    model.addAttribute("situations", situations.opened(period.from(), period.to()));
    model.addAttribute("breakGlass", breakGlass.between(period.from(), period.to()));
    return "audit/list";
  }

  @GetMapping("/incident")
  String incident(@RequestParam String key, Principal user, Locale viewer, ZoneId zone, Model model) {
    IncidentTimeline.Timeline timeline = timelines.of(key, viewer, zone)
        .orElseThrow(() -> new UnknownIncidentException(key));
    HistoricProcessInstance first = timeline.incidents().get(0);
    HistoricProcessInstance last = timeline.incidents().get(timeline.incidents().size() - 1);
    model.addAttribute("user", user.getName());
    model.addAttribute("timeline", timeline);
    model.addAttribute("opened", first.getStartTime().toInstant());
    model.addAttribute("closed", last.getEndTime() == null ? null : last.getEndTime().toInstant());
    model.addAttribute("chart", VolumeChart.of(timeline.mentions(),
        timeline.ofType(TimelineEntry.Type.LEVEL_CHANGE), first.getStartTime().toInstant(),
        last.getEndTime() == null ? null : last.getEndTime().toInstant(), clock.instant(), zone));
    model.addAttribute("diagrams", diagrams(timeline));
    model.addAttribute("situation", situations.of(key).orElse(null));
    model.addAttribute("memberOf", situations.situationOfThread(key).orElse(null));
    return "audit/incident";
  }

  /**
   * The BPMN XML of a process definition, for the diagram viewer. A name that Tasklist completes
   * from its process ("Mit der Linie antworten: ${situationTitle}") is drawn without the expression.
   */
  @GetMapping(value = "/diagram", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<byte[]> diagram(@RequestParam String definition) throws java.io.IOException {
    if (repository.createProcessDefinitionQuery().processDefinitionId(definition).count() == 0) {
      return ResponseEntity.notFound().build();
    }
    try (var xml = repository.getProcessModel(definition)) {
      String readable = NAME.matcher(new String(xml.readAllBytes(), StandardCharsets.UTF_8)).replaceAll(name ->
          Matcher.quoteReplacement(" name=\"" + NAME_EXPRESSION.matcher(name.group(1)).replaceAll("")
              .replaceAll("[:\\s]+$", "") + "\""));
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(readable.getBytes(StandardCharsets.UTF_8));
    }
  }

  @GetMapping("/incident/export.{format:json|csv}")
  ResponseEntity<byte[]> incidentExport(@PathVariable String format, @RequestParam String key, Principal user) {
    // an incident of a long shitstorm is megabytes: it counts against the exports running at once too
    try (ExportPermits.Permit permit = permits.tryAcquire().orElseThrow(ExportsBusyException::new)) {
      return download(exports.incident(key, user.getName()), format);
    }
  }

  /**
   * A period's export, written to a temporary file first: the database connection and the permit
   * are held only while it is written, memory holds one incident at a time, and the head is known for
   * the header before the body is sent. The permit stays taken until the file is sent, which bounds
   * the temporary files too.
   */
  @GetMapping("/export.{format:json|csv}")
  void periodExport(@PathVariable String format,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Principal user,
      ZoneId zone, HttpServletResponse response) throws IOException {
    Period period = Period.of(from, to, clock, zone);
    try (ExportPermits.Permit permit = permits.tryAcquire().orElseThrow(ExportsBusyException::new)) {
      Path file = Files.createTempFile("chefsache-export-", "." + format);
      try {
        AuditExports.Written export;
        try (OutputStream out = Files.newOutputStream(file)) {
          export = exports.period(period.from(), period.to(), user.getName(), format, out);
        }
        response.setContentType(contentType(format).toString());
        response.setContentLengthLong(Files.size(file));
        exportHeaders(export.exportId(), export.head(), format).forEach(response::setHeader);
        Files.copy(file, response.getOutputStream());
      } finally {
        Files.delete(file);
      }
    }
  }

  @GetMapping("/exports")
  String exportList(Principal user, Model model) {
    model.addAttribute("user", user.getName());
    model.addAttribute("anchors", exports.anchors());
    return "audit/exports";
  }

  @ExceptionHandler(UnknownIncidentException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String unknown(UnknownIncidentException unknown, Model model) {
    model.addAttribute("key", unknown.incidentKey());
    return "audit/not-found";
  }

  /** Each process instance of the incident with its diagram and the activities it passed. */
  private List<Map<String, Object>> diagrams(IncidentTimeline.Timeline timeline) {
    return timeline.processInstances().stream()
        .filter(instance -> !IncidentProcess.NOTIFICATION_PROCESS_KEY.equals(instance.getProcessDefinitionKey()))
        .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
        .map(instance -> {
          Map<String, Object> diagram = new LinkedHashMap<>();
          diagram.put("definitionId", instance.getProcessDefinitionId());
          diagram.put("name", instance.getProcessDefinitionName());
          diagram.put("started", instance.getStartTime().toInstant());
          List<HistoricActivityInstance> path = timelines.path(instance.getId());
          diagram.put("visited", String.join(" ", path.stream()
              .map(HistoricActivityInstance::getActivityId).distinct().toList()));
          diagram.put("current", String.join(" ", path.stream()
              .filter(activity -> activity.getEndTime() == null).map(HistoricActivityInstance::getActivityId)
              .distinct().toList()));
          return diagram;
        }).toList();
  }

  private static ResponseEntity<byte[]> download(AuditExport export, String format) {
    byte[] body = "json".equals(format) ? AuditExports.json(export) : AuditExports.csv(export);
    var response = ResponseEntity.ok().contentType(contentType(format));
    exportHeaders(export.exportId(), export.head(), format).forEach(response::header);
    return response.body(body);
  }

  private static MediaType contentType(String format) {
    return "json".equals(format) ? MediaType.APPLICATION_JSON : new MediaType("text", "csv", StandardCharsets.UTF_8);
  }

  private static Map<String, String> exportHeaders(String exportId, String head, String format) {
    String file = "chefsache-audit-%s.%s".formatted(exportId, format);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString());
    headers.put("X-Chefsache-Export-Id", exportId);
    headers.put("X-Chefsache-Export-Head", head);
    return headers;
  }

  /** As many period exports as allowed are running on this node. */
  static class ExportsBusyException extends RuntimeException {
  }

  @ExceptionHandler(ExportsBusyException.class)
  ResponseEntity<String> busy(Locale viewer) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(ExportPermits.RETRY_AFTER.toSeconds()))
        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .body(messages.getMessage("audit.exports.busy", new Object[] {ExportPermits.RETRY_AFTER.toSeconds()}, viewer));
  }

  /** A period asked for that is none: its end before its start, or a day no record can have. */
  static class InvalidPeriodException extends RuntimeException {

    private final String field;
    private final String problem;

    InvalidPeriodException(String field, String problem) {
      super(field + ": " + problem);
      this.field = field;
      this.problem = problem;
    }
  }

  @ExceptionHandler(InvalidPeriodException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String invalidPeriod(InvalidPeriodException invalid, Model model) {
    model.addAttribute("field", invalid.field);
    model.addAttribute("problem", invalid.problem);
    return "audit/bad-period";
  }

  /** A period of whole days in the viewer's time zone, {@code to} inclusive; the last 30 days by default. */
  private record Period(LocalDate fromDate, LocalDate toDate, ZoneId zone) {

    private static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 30);

    static Period of(LocalDate from, LocalDate to, Clock clock, ZoneId zone) {
      possible("from", from);
      possible("to", to);
      LocalDate end = to != null ? to : LocalDate.now(clock.withZone(zone));
      LocalDate start = from != null ? from : end.minusDays(DEFAULT_PERIOD.toDays());
      if (start.isAfter(end)) {
        throw new InvalidPeriodException("from", "order");
      }
      return new Period(start, end, zone);
    }

    private static void possible(String field, LocalDate day) {
      if (day != null && (day.isBefore(FIRST) || day.isAfter(LAST))) {
        throw new InvalidPeriodException(field, "range");
      }
    }

    Instant from() {
      return fromDate.atStartOfDay(zone).toInstant();
    }

    Instant to() {
      return toDate.plusDays(1).atStartOfDay(zone).toInstant();
    }
  }
}
