package io.chefsache.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does with Chefsache's server-rendered pages, without one: keeps the session
 * cookie, sends the CSRF token of the page's form back, follows no redirect by itself.
 */
public class BrowserSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final URI base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String csrf;
  private String languages;

  public BrowserSession(int port) {
    this.base = URI.create("http://localhost:" + port);
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The browser's languages ({@code Accept-Language}), e.g. {@code en-US,en;q=0.9}; none by default. */
  public BrowserSession languages(String acceptLanguage) {
    this.languages = acceptLanguage;
    return this;
  }

  /** A cookie the page's script would set, e.g. the browser's time zone. */
  public BrowserSession cookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookies.getCookieStore().add(base, cookie);
    return this;
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** Submits a form of the last page (with its CSRF token) as the browser would. */
  public HttpResponse<String> post(String path, String form) {
    String body = form + (csrf == null ? "" : (form.isEmpty() ? "" : "&") + "_csrf=" + encode(csrf));
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** Logs in through the audit login form; returns where the login sent the browser. */
  public String logIn(String user, String password) {
    get("/audit/login");
    HttpResponse<String> answer = post("/audit/login", "username=" + encode(user) + "&password=" + encode(password));
    return answer.headers().firstValue("Location").orElse("");
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest request) {
    HttpRequest.Builder withLanguages = HttpRequest.newBuilder(request, (name, value) -> true);
    if (languages != null) {
      withLanguages.header("Accept-Language", languages);
    }
    try {
      return http.send(withLanguages.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException failed) {
      throw new IllegalStateException(failed);
    }
  }
}
