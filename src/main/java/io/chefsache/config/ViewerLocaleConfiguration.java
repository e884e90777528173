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
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language and time zone of Chefsache's own pages (the audit pages, the error page): the
 * language the viewer chose with {@code ?lang=} (kept in a cookie), else the browser's
 * {@code Accept-Language} among the languages Chefsache has texts for, else the configured one; the
 * time zone the viewer's browser reports (the audit pages' script keeps it in the cookie
 * {@value #ZONE_COOKIE}), else {@code chefsache.time-zone}.
 */
@Configuration
class ViewerLocaleConfiguration implements WebMvcConfigurer {

  static final String LANGUAGE_COOKIE = "chefsache-language";
  static final String ZONE_COOKIE = "chefsache-zone";

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
    CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE) {
      @Override
      public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        Locale chosen = context == null ? null : context.getLocale();
        if (chosen == null) {
          super.setLocaleContext(request, response, null);
        } else {
          supported(chosen).ifPresent(language ->
              super.setLocaleContext(request, response, new SimpleLocaleContext(language)));
        }
      }

      @Override
      protected Locale parseLocaleValue(String value) {
        Locale stored = super.parseLocaleValue(value);
        return stored == null ? null : supported(stored).orElse(null);
      }
    };
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(this::browserLanguage);
    resolver.setDefaultTimeZoneFunction(this::browserZone);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/audit", "/audit/**");
  }

  private Locale browserLanguage(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header == null || header.isBlank()) {
      return defaultLanguage;
    }
    try {
      Locale best = Locale.lookup(Locale.LanguageRange.parse(header), languages);
      return best != null ? best : defaultLanguage;
    } catch (IllegalArgumentException malformed) {
      return defaultLanguage;
    }
  }

  private Optional<Locale> supported(Locale locale) {
    return languages.stream().filter(language -> language.getLanguage().equals(locale.getLanguage())).findFirst();
  }

  private TimeZone browserZone(HttpServletRequest request) {
    return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
        .filter(cookie -> ZONE_COOKIE.equals(cookie.getName())).map(Cookie::getValue).findFirst()
        .flatMap(ViewerLocaleConfiguration::zone).orElse(defaultZone);
  }

  private static Optional<TimeZone> zone(String value) {
    try {
      return Optional.of(TimeZone.getTimeZone(ZoneId.of(URLDecoder.decode(value, StandardCharsets.UTF_8))));
    } catch (DateTimeException | IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
