package dev.coffer.service.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.apps.Aead;
import dev.coffer.apps.ApiKeys;
import dev.coffer.apps.App;
import dev.coffer.apps.Apps;
import dev.coffer.schemas.directory.DirectoryEntry;
import dev.coffer.schemas.directory.DirectoryState;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DirectoryEntriesTest {
  private static final Apps APPS = Apps.parse("""
      apps:
        - appId: demo
          keys: [{label: s, role: server, sha256: %s}]
          pseudonymKey: pseudonym-key-0123456789abcdef0123456789
          playerTokenSecret: token-secret-0123456789abcdef0123456789
      """.formatted(ApiKeys.sha256Hex("key-demo")), Path.of("."), name -> null);

  private static DirectoryEntry entry(final DirectoryState state, final String ref, final byte[] wrapped) {
    return DirectoryEntry.newBuilder().setAppId("demo").setLookup("l1").setState(state).setPlayerRef(ref)
        .setWrappedKey(wrapped == null ? null : ByteBuffer.wrap(wrapped)).setSince(Instant.EPOCH).build();
  }

  @Test
  void keyIsAppIdBarLookup() {
    assertThat(DirectoryEntries.key("demo", "l1")).isEqualTo("demo|l1");
  }

  @Test
  void aTombstoneIsAbsentAndAMarkerErased() {
    assertThat(DirectoryEntries.identity(APPS, "demo", "l1", null).state()).isEqualTo(PlayerIdentity.State.ABSENT);
    assertThat(DirectoryEntries.identity(APPS, "demo", "l1", entry(DirectoryState.ERASED, null, null)).state())
        .isEqualTo(PlayerIdentity.State.ERASED);
  }

  @Test
  void anActiveEntryUnwrapsItsDataKeyWithTheAppsKeys() {
    final App app = APPS.find("demo").orElseThrow();
    final byte[] dataKey = Aead.newKey();
    final PlayerIdentity identity = DirectoryEntries.identity(APPS, "demo", "l1",
        entry(DirectoryState.ACTIVE, "ref1", app.dataKeys().wrap("ref1", dataKey)));

    assertThat(identity.active()).isTrue();
    assertThat(identity.playerKey()).isEqualTo("demo|ref1");
    assertThat(identity.dataKey()).isEqualTo(dataKey);
  }

  @Test
  void anActiveEntryOfAnAppNotInTheAppsFileCannotBeRead() {
    assertThatThrownBy(() -> DirectoryEntries.identity(APPS, "other", "l1",
        entry(DirectoryState.ACTIVE, "ref1", new byte[48])))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("other");
  }
}
