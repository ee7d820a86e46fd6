package dev.coffer.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.apps.App;
import dev.coffer.gateway.ledger.EventSubmitter;
import dev.coffer.gateway.ledger.Submission;
import dev.coffer.gateway.notifications.StoreNotifications;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.service.outcome.OutcomeJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How store notifications and reconciliations are answered. A decided outcome, rejected or not, is 200 (the
 * notification was processed; a store would only retry a rejection in vain); one event past the wait bound is
 * 202; several events are submitted one after the other (each waits for the one before, so the ledger sees a
 * renewal before the status it leaves) and answered {@code {"status": "PROCESSED", "events": [...]}}; 503 when
 * Kafka took nothing (the store retries, and what was recorded is a DUPLICATE the second time).
 */
final class NotificationReplies {
  private NotificationReplies() {
  }

  static void answer(final Context ctx, final App app, final StoreNotifications.Result result,
                     final EventSubmitter submitter) {
    final String appId = app.appId();
    switch (result) {
      case StoreNotifications.Result.Ignored ignored -> Replies.json(ctx,
          JsonNodeFactory.instance.objectNode().put("status", "IGNORED").put("detail", ignored.why()));
      case StoreNotifications.Result.Event event -> {
        final CompletableFuture<Submission> submitted = submitter.submit(app, event.identity(), event.event());
        ctx.future(() -> submitted.handle((s, error) -> {
          if (error != null) {
            Replies.problem(ctx, Submit.failure(error));
          } else if (s instanceof Submission.Decided d) {
            ctx.status(200);
            Replies.json(ctx, OutcomeJson.of(d.outcome()).tree());
          } else {
            Replies.submission(ctx, appId, s);
          }
          return null;
        }));
      }
      case StoreNotifications.Result.Events events -> {
        CompletableFuture<List<Submission>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (final LedgerEvent event : events.events()) {
          chain = chain.thenCompose(done -> submitter.submit(app, null, event).thenApply(s -> {
            done.add(s);
            return done;
          }));
        }
        final CompletableFuture<List<Submission>> all = chain;
        ctx.future(() -> all.handle((submissions, error) -> {
          if (error != null) {
            Replies.problem(ctx, Submit.failure(error));
          } else {
            ctx.status(200);
            Replies.json(ctx, processed(appId, submissions));
          }
          return null;
        }));
      }
    }
  }

  private static ObjectNode processed(final String appId, final List<Submission> submissions) {
    final ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "PROCESSED");
    final ArrayNode list = body.putArray("events");
    for (final Submission s : submissions) {
      if (s instanceof Submission.Decided d) {
        list.add(OutcomeJson.of(d.outcome()).tree());
      } else {
        list.addObject().put("eventId", s.eventId()).put("status", "PENDING")
            .put("location", Replies.eventLocation(appId, s.eventId()));
      }
    }
    return body;
  }
}
