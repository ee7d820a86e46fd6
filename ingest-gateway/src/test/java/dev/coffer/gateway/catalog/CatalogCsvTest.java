package dev.coffer.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.schemas.ledger.ProductType;
import dev.coffer.service.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogCsvTest {
  private static final String HEADER = String.join(",", CatalogCsv.HEADER) + "\r\n";

  @Test
  void readsQuotedCellsAndWritesBackWhatItRead() {
    final String csv = HEADER
        + "product,gems_100,CONSUMABLE,google_play=gems.100;test=gems_100,currency:gems=100;item:sword=1,false,,,,"
        + "\"100 gems, \"\"best\"\" deal\"\r\n"
        + "item,potion,,,,,true,true,currency:hp=5,Potion\r\n";

    final CatalogCsv.Table table = CatalogCsv.read(csv);

    assertThat(table.products()).singleElement().satisfies(p -> {
      assertThat(p.getProductId()).isEqualTo("gems_100");
      assertThat(p.getProductType()).isEqualTo(ProductType.CONSUMABLE);
      assertThat(p.getStoreProductIds()).containsEntry("google_play", "gems.100").containsEntry("test", "gems_100");
      assertThat(p.getGrants().getCurrencies()).containsEntry("gems", 100L);
      assertThat(p.getDisplayName()).isEqualTo("100 gems, \"best\" deal");
    });
    assertThat(table.items()).singleElement().satisfies(i -> assertThat(i.getOnConsume().getCurrencies())
        .containsEntry("hp", 5L));
    assertThat(CatalogCsv.read(CatalogCsv.write(table.products(), table.items()))).isEqualTo(table);
  }

  @Test
  void guardsCellsASpreadsheetWouldRunAsFormulas() {
    final String csv = HEADER
        + "item,-sword,,,,,false,false,,=HYPERLINK(\"http://evil\")\r\n"
        + "item,potion,,,,,true,true,,@SUM(A1)\r\n"
        + "item,elixir,,,,,true,true,,+1\r\n";
    final CatalogCsv.Table table = CatalogCsv.read(csv);

    final String exported = CatalogCsv.write(table.products(), table.items());

    assertThat(exported).contains("'-sword", "\"'=HYPERLINK(\"\"http://evil\"\")\"", "'@SUM(A1)", "'+1");
    assertThat(exported.lines().skip(1)).noneMatch(line -> line.matches("^(.*,)?[=+\\-@].*"));
    assertThat(CatalogCsv.read(exported)).as("an export imports back unchanged").isEqualTo(table);
    assertThat(CatalogCsv.guarded("\tx", "\rx", "plain", "", "'-kept")).containsExactly("'\tx", "'\rx", "plain", "",
        "'-kept");
    assertThat(CatalogCsv.unguarded("'plain")).as("an apostrophe before a harmless cell is the cell's own")
        .isEqualTo("'plain");
  }

  @Test
  void namesWhatIsWrong() {
    assertProblem("kind,id\r\n", "MALFORMED_BODY", "the first row must be the header");
    assertProblem(HEADER + "item,potion\r\n", "MALFORMED_BODY", "row 2 has 2 cells");
    assertProblem(HEADER + "item,potion,,,,,maybe,true,,P\r\n", "INVALID_FIELD", "row 2 consumable");
    assertProblem(HEADER + "thing,x,,,,,,,,\r\n", "INVALID_FIELD", "row 2 kind");
    assertProblem(HEADER + "item,potion,,,,,true,true,currency:hp=lots,P\r\n", "INVALID_FIELD", "row 2 onConsume");
    assertProblem(HEADER + "item,\"potion,,,,,true,true,,P\r\n", "MALFORMED_BODY", "not a CSV table");
  }

  @Test
  void skipsBlankLines() {
    assertThat(CatalogCsv.read(HEADER + "\r\nitem,potion,,,,,true,true,,P\r\n").items()).hasSize(1);
    assertThat(CatalogCsv.read(HEADER).products()).isEqualTo(List.of());
  }

  private static void assertProblem(final String csv, final String code, final String detail) {
    assertThatThrownBy(() -> CatalogCsv.read(csv)).isInstanceOfSatisfying(ProblemException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(detail);
    });
  }
}
