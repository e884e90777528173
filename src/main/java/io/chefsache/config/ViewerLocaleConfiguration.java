package io.chefsache.config;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleContextResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language and time zone of Chefsache's own pages (the audit pages, the error page). The
 * language: the one the viewer chose with {@code ?lang=} (kept in the cookie {@value #LANGUAGE_COOKIE}),
 * else the browser's first language if Chefsache has texts for it, else the configured one: the rule
 * Camunda's webapps follow, so Tasklist and the audit pages agree. The time zone: the one the
 * viewer's browser reports (the audit pages' script keeps it in the cookie {@value #ZONE_COOKIE}),
 * else {@code chefsache.time-zone}. Whatever a cookie or header holds, the answer is one of those:
 * a value that is not a known language or zone is ignored.
 */
@Configuration
class ViewerLocaleConfiguration implements WebMvcConfigurer {

  static final String LANGUAGE_COOKIE = "chefsache-language";
  static final String ZONE_COOKIE = "chefsache-zone";
  /** Longer cookie values or language tags are not a language or zone anyone has. */
  private static final int LONGEST = 64;

  private final List<Locale> languages;
  private final Locale defaultLanguage;
  private final TimeZone defaultZone;

  ViewerLocaleConfiguration(Texts texts, @Value("${chefsache.time-zone:Europe/Berlin}") String zone) {
    this.defaultLanguage = texts.locale();
    this.languages = texts.languages();
    this.defaultZone = TimeZone.getTimeZone(ZoneId.of(zone));
  }

  @Bean
  LocaleResolver localeResolver() {
    return new LocaleContextResolver() {
      /** Read when asked, so that a language chosen with ?lang= counts for the page that chose it. */
      @Override
      public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        return new TimeZoneAwareLocaleContext() {
          @Override
          public Locale getLocale() {
            return resolveLocale(request);
          }

          @Override
          public TimeZone getTimeZone() {
            return zone(request);
          }
        };
      }

      @Override
      public Locale resolveLocale(HttpServletRequest request) {
        return cookie(request, LANGUAGE_COOKIE).flatMap(ViewerLocaleConfiguration.this::supported)
            .orElseGet(() -> browserLanguage(request));
      }

      @Override
      public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        Optional.ofNullable(context).map(LocaleContext::getLocale).map(Locale::getLanguage)
            .flatMap(ViewerLocaleConfiguration.this::supported).ifPresent(language -> {
              response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(LANGUAGE_COOKIE, language.getLanguage())
                  .path("/").maxAge(Duration.ofDays(365)).sameSite("Lax").httpOnly(true).secure(request.isSecure())
                  .build().toString());
              request.setAttribute(LANGUAGE_COOKIE, language);
            });
      }

      @Override
      public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        setLocaleContext(request, response, locale == null ? null : () -> locale);
      }
    };
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/audit", "/audit/**");
  }

  /** The browser's first language (a single look at the header, however long it is), if supported. */
  private Locale browserLanguage(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
    if (header == null) {
      return defaultLanguage;
    }
    int end = header.indexOf(',');
    String first = (end < 0 ? header : header.substring(0, end));
    int parameters = first.indexOf(';');
    return supported(parameters < 0 ? first : first.substring(0, parameters)).orElse(defaultLanguage);
  }

  /** The language Chefsache has texts for that a tag such as "en", "en-US" or "EN_gb" names. */
  private Optional<Locale> supported(String tag) {
    String language = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    return tag.length() > LONGEST ? Optional.empty()
        : languages.stream().filter(known -> known.getLanguage().equals(language)).findFirst();
  }

  private TimeZone zone(HttpServletRequest request) {
    return cookie(request, ZONE_COOKIE).flatMap(ViewerLocaleConfiguration::zone).orElse(defaultZone);
  }

  /** A cookie's value; a language chosen in this very request counts as the language cookie. */
  private static Optional<String> cookie(HttpServletRequest request, String name) {
    if (request.getAttribute(name) instanceof Locale chosen) {
      return Optional.of(chosen.getLanguage());
    }
    return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
        .filter(cookie -> name.equals(cookie.getName())).map(Cookie::getValue).findFirst()
        .filter(value -> value.length() <= LONGEST);
  }

  private static Optional<TimeZone> zone(String value) {
    try {
      return Optional.of(TimeZone.getTimeZone(ZoneId.of(URLDecoder.decode(value, StandardCharsets.UTF_8))));
    } catch (DateTimeException | IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
