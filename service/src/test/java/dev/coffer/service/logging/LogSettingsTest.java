package dev.coffer.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogSettingsTest {
  @Test
  void namesEveryBadVariable() {
    assertThat(LogSettings.problems(Map.of())).isEmpty();
    assertThat(LogSettings.problems(Map.of("COFFER_LOG_FORMAT", "json", "COFFER_LOG_LEVEL", "debug"))).isEmpty();
    assertThat(LogSettings.problems(Map.of("COFFER_LOG_FORMAT", "xml", "COFFER_LOG_ROOT_LEVEL", "loud")))
        .hasSize(2).anySatisfy(p -> assertThat(p).startsWith("COFFER_LOG_FORMAT"))
        .anySatisfy(p -> assertThat(p).startsWith("COFFER_LOG_ROOT_LEVEL"));
  }

  @Test
  void theServicesConfigurationWritesJsonWithTheRequestIdWhenAsked() throws JoranException, IOException {
    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    final PrintStream out = System.out;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    // logback reads ${COFFER_LOG_FORMAT} from system properties before the environment.
    System.setProperty(LogSettings.FORMAT, "json");
    System.setProperty(LogSettings.LEVEL, "DEBUG");
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      configure(context, "/logback.xml");
      MDC.put("requestId", "req-42");
      LoggerFactory.getLogger("dev.coffer.test").debug("hello {}", "there");
      LoggerFactory.getLogger("org.apache.kafka.test").info("not shown: below the root level");
    } finally {
      MDC.clear();
      System.setOut(out);
      System.clearProperty(LogSettings.FORMAT);
      System.clearProperty(LogSettings.LEVEL);
      configure(context, "/logback-test.xml");
    }
    final String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    final JsonNode line = new ObjectMapper().readTree(lines[0]);
    assertThat(line.path("level").asText()).isEqualTo("DEBUG");
    assertThat(line.path("loggerName").asText()).isEqualTo("dev.coffer.test");
    assertThat(line.path("formattedMessage").asText()).isEqualTo("hello there");
    assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("req-42");
  }

  private static void configure(final LoggerContext context, final String resource) throws JoranException {
    context.reset();
    final JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogSettingsTest.class.getResource(resource));
  }
}
