package dev.coffer.bench.restore;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Kafka Streams' restore said in a ledger instance's log (its changelog reader logs where the
 * {@code StateRestoreListener} callbacks fire): when the first changelog partition started restoring,
 * when the last finished, how many records each restored, and when the instance reached RUNNING. Reads
 * the log from a byte offset, so one incarnation of the instance is read at a time.
 *
 * <p>Needs the instance to log with {@link #LOGBACK}: millisecond timestamps with their offset, and
 * {@code StoreChangelogReader} at INFO.
 */
final class RestoreLog {
  /** The logback configuration of a measured instance. */
  static final String LOGBACK = """
      <configuration>
        <appender name="text" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n</pattern></encoder>
        </appender>
        <logger name="dev.coffer" level="INFO"/>
        <logger name="org.apache.kafka.streams.processor.internals.StoreChangelogReader" level="INFO"/>
        <root level="WARN"><appender-ref ref="text"/></root>
      </configuration>
      """;

  private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\S+) .*");
  /** A changelog partition's restore begins once its end offset is known (the line Streams logs at INFO). */
  private static final Pattern START = Pattern.compile(
      "End offset for changelog \\S+ initialized as|Start restoring changelog partition \\S+ from");
  private static final Pattern FINISH = Pattern.compile(
      "Finished restoring changelog (\\S+)-(\\d+) to store (\\S+) with a total number of (\\d+) records");
  private static final Pattern RUNNING = Pattern.compile("Ledger \\S+ state \\S+ -> RUNNING");

  /**
   * One incarnation's restore.
   *
   * @param firstStartMillis when the first changelog partition started restoring (epoch ms), or empty
   * @param lastFinishMillis when the last one finished, or empty
   * @param runningMillis when the instance first reached RUNNING, or empty
   * @param restoredByTopic records restored per changelog topic
   * @param partitionsFinished changelog partitions whose restore finished
   */
  record Restore(OptionalLong firstStartMillis, OptionalLong lastFinishMillis, OptionalLong runningMillis,
                 Map<String, Long> restoredByTopic, int partitionsFinished) {
    long restored() {
      return restoredByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** From the first start to the last finish, in ms; 0 if nothing was restored. */
    long windowMillis() {
      return firstStartMillis.isPresent() && lastFinishMillis.isPresent()
          ? lastFinishMillis.getAsLong() - firstStartMillis.getAsLong() : 0;
    }
  }

  private RestoreLog() {
  }

  /** Writes {@link #LOGBACK} to {@code file}. */
  static Path writeLogback(final Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, LOGBACK);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The log's length now: where the next incarnation's lines will begin. */
  static long length(final Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the size of " + log, e);
    }
  }

  /** Reads the log from {@code offset}. */
  static Restore read(final Path log, final long offset) {
    final String text;
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      file.seek(offset);
      final byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
      file.readFully(bytes);
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
    long firstStart = Long.MAX_VALUE;
    long lastFinish = Long.MIN_VALUE;
    long running = Long.MAX_VALUE;
    int finished = 0;
    final Map<String, Long> restored = new TreeMap<>();
    for (final String line : text.split("\n")) {
      final Matcher at = LINE.matcher(line);
      if (!at.matches()) {
        continue;
      }
      final long millis = OffsetDateTime.parse(at.group(1), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant().toEpochMilli();
      if (START.matcher(line).find()) {
        firstStart = Math.min(firstStart, millis);
      }
      final Matcher finish = FINISH.matcher(line);
      if (finish.find()) {
        lastFinish = Math.max(lastFinish, millis);
        restored.merge(finish.group(1), Long.parseLong(finish.group(4)), Long::sum);
        finished++;
      }
      if (RUNNING.matcher(line).find()) {
        running = Math.min(running, millis);
      }
    }
    return new Restore(firstStart == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(firstStart),
        lastFinish == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastFinish),
        running == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(running), restored, finished);
  }
}
