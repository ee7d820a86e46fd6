package dev.coffer.gateway.privacy;

import dev.coffer.apps.App;
import dev.coffer.apps.Pseudonyms;
import dev.coffer.keys.DedupeKey;
import dev.coffer.schemas.ledger.CurrencySpent;
import dev.coffer.schemas.ledger.GrantIssued;
import dev.coffer.schemas.ledger.LedgerEvent;
import dev.coffer.schemas.ledger.PlayerErased;
import dev.coffer.schemas.ledger.PurchaseReinstated;
import dev.coffer.schemas.ledger.PurchaseRevoked;
import dev.coffer.schemas.ledger.PurchaseVerified;
import dev.coffer.schemas.ledger.Store;
import dev.coffer.schemas.ledger.SubscriptionUpdated;
import dev.coffer.schemas.privacy.EventDetails;
import dev.coffer.service.directory.PlayerIdentity;
import dev.coffer.service.privacy.DetailsCipher;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The last step before an event leaves the gateway, and the only place that decides what of it may be
 * read in clear. Everything that can identify a person or a purchase moves into
 * {@code encryptedDetails}, sealed under the player's data key:
 * <ul>
 *   <li>store ids (transaction, original transaction, order id, purchase token) become store refs
 *       ({@link Pseudonyms#storeRef}), in the payload and in a receipt's dedupe key;
 *   <li>the caller's idempotency key becomes its key ref, a system key's variable part its pseudonym
 *       ({@link Pseudonyms#systemName}), so retries still dedupe;
 *   <li>free text (a grant's or spend's reason and source ref, an erasure's reason) and the request id
 *       are emptied.
 * </ul>
 * What analytics needs stays in clear: amounts, prices, currency, country, store, product, times. Without
 * the player's key (store notifications, which know the player only by ref) nothing is sealed: the clear
 * fields are pseudonymised all the same, the store's own ids are dropped.
 *
 * <p>Apply once per event: a key ref of a key ref is another ref.
 */
public final class EventSeal {
  private EventSeal() {
  }

  /**
   * Seals an event the gateway built with clear values.
   *
   * @param app the event's app
   * @param identity the player's ACTIVE identity (its data key seals the details), or null when the
   *     gateway holds no key for the player
   * @param raw the event as built
   * @return the event to send
   */
  public static LedgerEvent seal(final App app, final PlayerIdentity identity, final LedgerEvent raw) {
    Objects.requireNonNull(app, "app");
    if (!app.appId().equals(raw.getAppId())) {
      throw new IllegalArgumentException("event of app " + raw.getAppId() + " sealed with app " + app.appId());
    }
    if (identity != null && (!identity.active() || !identity.appId().equals(raw.getAppId())
        || !identity.playerRef().equals(raw.getPlayerRef()))) {
      throw new IllegalArgumentException("the identity is not the event's ACTIVE player");
    }
    final Pseudonyms pseudonyms = app.pseudonyms();
    final EventDetails.Builder details = EventDetails.newBuilder().setRequestId(raw.getRequestId());
    final Map<String, String> storeIds = new TreeMap<>();
    final LedgerEvent event = shallowCopy(raw);
    event.setRequestId(null);
    switch (event.getPayload()) {
      case PurchaseVerified p -> {
        final PurchaseVerified.Builder b = PurchaseVerified.newBuilder(p);
        ref(pseudonyms, p.getStore(), "transactionId", p::getTransactionId, b::setTransactionId, storeIds);
        ref(pseudonyms, p.getStore(), "originalTransactionId", p::getOriginalTransactionId,
            b::setOriginalTransactionId, storeIds);
        ref(pseudonyms, p.getStore(), "orderId", p::getOrderId, b::setOrderId, storeIds);
        ref(pseudonyms, p.getStore(), "purchaseToken", p::getPurchaseToken, b::setPurchaseToken, storeIds);
        event.setPayload(b.build());
      }
      case PurchaseRevoked r -> {
        final PurchaseRevoked.Builder b = PurchaseRevoked.newBuilder(r);
        ref(pseudonyms, r.getStore(), "transactionId", r::getTransactionId, b::setTransactionId, storeIds);
        event.setPayload(b.build());
      }
      case PurchaseReinstated r -> {
        final PurchaseReinstated.Builder b = PurchaseReinstated.newBuilder(r);
        ref(pseudonyms, r.getStore(), "transactionId", r::getTransactionId, b::setTransactionId, storeIds);
        event.setPayload(b.build());
      }
      case SubscriptionUpdated u -> {
        final SubscriptionUpdated.Builder b = SubscriptionUpdated.newBuilder(u);
        ref(pseudonyms, u.getStore(), "originalTransactionId", u::getOriginalTransactionId,
            b::setOriginalTransactionId, storeIds);
        event.setPayload(b.build());
      }
      case GrantIssued g -> {
        details.setReason(emptyToNull(g.getReason())).setSourceRefId(g.getSourceRefId());
        event.setPayload(GrantIssued.newBuilder(g).setReason("").setSourceRefId(null).build());
      }
      case CurrencySpent s -> {
        details.setReason(emptyToNull(s.getReason())).setSourceRefId(s.getSourceRefId());
        event.setPayload(CurrencySpent.newBuilder(s).setReason("").setSourceRefId(null).build());
      }
      case PlayerErased e -> {
        details.setReason(e.getReason());
        event.setPayload(PlayerErased.newBuilder(e).setReason(null).build());
      }
      default -> {
        // A consume names only Coffer's own ids.
      }
    }
    switch (DedupeKey.parse(raw.getDedupeKey()).orElseThrow(() -> new IllegalArgumentException(
        "not a dedupe key: " + raw.getDedupeKey()))) {
      case DedupeKey.Receipt r -> {
        final String ref = pseudonyms.storeRef(store(event), r.transactionId());
        if (!Pseudonyms.isStoreRef(r.transactionId())) {
          storeIds.putIfAbsent("transactionId", r.transactionId());
        }
        event.setIdempotencyKey(ref);
        event.setDedupeKey(new DedupeKey.Receipt(r.appId(), r.store(), ref).value());
      }
      case DedupeKey.Caller c -> {
        details.setIdempotencyKey(c.idempotencyKey());
        final String ref = pseudonyms.keyRef(c.idempotencyKey());
        event.setIdempotencyKey(ref);
        event.setDedupeKey(new DedupeKey.Caller(c.appId(), c.playerRef(), ref).value());
      }
      case DedupeKey.SystemMade m -> {
        details.setIdempotencyKey(m.name());
        final String name = pseudonyms.systemName(m.name());
        event.setIdempotencyKey(name);
        event.setDedupeKey(new DedupeKey.SystemMade(m.appId(), m.playerRef(), name).value());
      }
    }
    if (identity != null) {
      event.setEncryptedDetails(ByteBuffer.wrap(DetailsCipher.seal(identity.dataKey(), event.getAppId(),
          event.getPlayerRef(), event.getEventId().toString(), details.setStoreIds(storeIds).build())));
    }
    return event;
  }

  /**
   * A copy sharing {@code raw}'s field values: every field this class changes is set anew, never mutated
   * in place, so {@code raw} stays as it was. (The builder's deep copy of the whole event, payload
   * included, was half of sealing's cost on every write.)
   */
  private static LedgerEvent shallowCopy(final LedgerEvent raw) {
    final LedgerEvent copy = new LedgerEvent();
    for (int field = 0; field < raw.getSchema().getFields().size(); field++) {
      copy.put(field, raw.get(field));
    }
    return copy;
  }

  private static Store store(final LedgerEvent event) {
    if (event.getPayload() instanceof PurchaseVerified p) {
      return p.getStore();
    }
    throw new IllegalArgumentException("a receipt key on a " + event.getPayload().getClass().getSimpleName());
  }

  /** Replaces a store id by its ref, keeping the id for the details (unless it already is a ref). */
  private static void ref(final Pseudonyms pseudonyms, final Store store, final String field,
                          final Supplier<String> get, final Consumer<String> set, final Map<String, String> ids) {
    final String id = get.get();
    if (id == null) {
      return;
    }
    if (!Pseudonyms.isStoreRef(id)) {
      ids.put(field, id);
    }
    set.accept(pseudonyms.storeRef(store, id));
  }

  private static String emptyToNull(final String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
