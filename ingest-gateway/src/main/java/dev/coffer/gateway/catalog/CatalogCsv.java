package dev.coffer.gateway.catalog;

import dev.coffer.service.problem.ProblemException;
import dev.coffer.gateway.errors.ErrorCode;
import dev.coffer.gateway.requests.JsonBody;
import dev.coffer.schemas.catalog.Item;
import dev.coffer.schemas.catalog.Product;
import dev.coffer.schemas.ledger.Grants;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole catalog as one CSV table (RFC 4180, header row), products and items together:
 * <pre>
 * kind,id,productType,storeProductIds,grants,autoConsume,consumable,stackable,onConsume,displayName
 * product,gems_100,CONSUMABLE,google_play=gems.100;test=gems_100,currency:gems=100,false,,,,100 gems
 * item,potion,,,,,true,true,currency:hp=5,Potion
 * </pre>
 * Grants are {@code currency:<code>=<amount>} and {@code item:<itemId>=<quantity>} joined by {@code ;}.
 * Read and written by Jackson's CSV module; cells that a spreadsheet would run as formulas are
 * exported with a leading {@code '} (and imported without it).
 */
public final class CatalogCsv {
  /** The header row. */
  public static final List<String> HEADER = List.of("kind", "id", "productType", "storeProductIds", "grants",
      "autoConsume", "consumable", "stackable", "onConsume", "displayName");

  /** What a spreadsheet would run as a formula when a cell starts with it. */
  private static final String FORMULA_STARTS = "=+-@\t\r";
  private static final char FORMULA_GUARD = '\'';
  private static final CsvMapper CSV = CsvMapper.builder().build();

  private CatalogCsv() {
  }

  /** A parsed catalog. */
  public record Table(List<Product> products, List<Item> items) {
  }

  /**
   * Writes products and items. A cell a spreadsheet would run as a formula (starting with {@code =},
   * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is written with a leading {@code '};
   * {@link #read} takes it off again, so an export imports back unchanged.
   */
  public static String write(final List<Product> products, final List<Item> items) {
    final StringWriter out = new StringWriter();
    try (SequenceWriter rows = CSV.writerFor(String[].class).with(CsvSchema.emptySchema()
        .withLineSeparator("\r\n")).writeValues(out)) {
      rows.write(HEADER.toArray(String[]::new));
      for (final Product p : products) {
        final List<String> stores = new ArrayList<>();
        new TreeMap<>(p.getStoreProductIds()).forEach((store, id) -> stores.add(store + "=" + id));
        rows.write(guarded("product", p.getProductId(), p.getProductType().name(), String.join(";", stores),
            grants(p.getGrants()), Boolean.toString(p.getAutoConsume()), "", "", "",
            p.getDisplayName() == null ? "" : p.getDisplayName()));
      }
      for (final Item i : items) {
        rows.write(guarded("item", i.getItemId(), "", "", "", "", Boolean.toString(i.getConsumable()),
            Boolean.toString(i.getStackable()), grants(i.getOnConsume()),
            i.getDisplayName() == null ? "" : i.getDisplayName()));
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write the catalog as CSV", e);
    }
    return out.toString();
  }

  /** The cells, each a formula-safe text (OWASP's CSV injection guard). */
  static String[] guarded(final String... cells) {
    final String[] safe = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      safe[i] = isFormula(cells[i]) ? FORMULA_GUARD + cells[i] : cells[i];
    }
    return safe;
  }

  /** A cell as it was before {@link #guarded} (an exported file imports back unchanged). */
  static String unguarded(final String cell) {
    return cell.length() > 1 && cell.charAt(0) == FORMULA_GUARD && isFormula(cell.substring(1))
        ? cell.substring(1) : cell;
  }

  private static boolean isFormula(final String cell) {
    return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0;
  }

  private static String grants(final Grants grants) {
    final List<String> parts = new ArrayList<>();
    new TreeMap<>(grants.getCurrencies()).forEach((c, a) -> parts.add("currency:" + c + "=" + a));
    grants.getItems().forEach(i -> parts.add("item:" + i.getItemId() + "=" + i.getQuantity()));
    return String.join(";", parts);
  }

  /**
   * Parses a catalog table, validating every cell through the same rules as the JSON API.
   *
   * @param csv the text
   * @return the products and items
   * @throws ProblemException naming the row and column of the first bad cell
   */
  public static Table read(final String csv) {
    final List<List<String>> rows = parse(csv);
    if (rows.isEmpty() || !rows.get(0).equals(HEADER)) {
      throw new ProblemException(ErrorCode.MALFORMED_BODY, "the first row must be the header " + String.join(",",
          HEADER));
    }
    final List<Product> products = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      final List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue;
      }
      final String at = "row " + (r + 1);
      if (row.size() != HEADER.size()) {
        throw new ProblemException(ErrorCode.MALFORMED_BODY, at + " has " + row.size() + " cells, expected " + HEADER
            .size());
      }
      final com.fasterxml.jackson.databind.node.ObjectNode node =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      switch (row.get(0)) {
        case "product" -> {
          node.put("productId", row.get(1));
          node.put("productType", row.get(2));
          final var stores = node.putObject("storeProductIds");
          for (final Map.Entry<String, String> e : pairs(row.get(3), at + " storeProductIds").entrySet()) {
            stores.put(e.getKey(), e.getValue());
          }
          node.set("grants", grantsNode(row.get(4), at + " grants"));
          if (!row.get(5).isEmpty()) {
            node.put("autoConsume", bool(row.get(5), at + " autoConsume"));
          }
          if (!row.get(9).isEmpty()) {
            node.put("displayName", row.get(9));
          }
          products.add(CatalogJson.product(JsonBody.of(node, at), null));
        }
        case "item" -> {
          node.put("itemId", row.get(1));
          if (!row.get(6).isEmpty()) {
            node.put("consumable", bool(row.get(6), at + " consumable"));
          }
          if (!row.get(7).isEmpty()) {
            node.put("stackable", bool(row.get(7), at + " stackable"));
          }
          node.set("onConsume", grantsNode(row.get(8), at + " onConsume"));
          if (!row.get(9).isEmpty()) {
            node.put("displayName", row.get(9));
          }
          items.add(CatalogJson.item(JsonBody.of(node, at), null));
        }
        default -> throw new ProblemException(ErrorCode.INVALID_FIELD, at + " kind must be product or item");
      }
    }
    return new Table(products, items);
  }

  private static boolean bool(final String text, final String at) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ProblemException(ErrorCode.INVALID_FIELD, at + " must be true or false");
    };
  }

  private static Map<String, String> pairs(final String cell, final String at) {
    final Map<String, String> pairs = new LinkedHashMap<>();
    if (cell.isEmpty()) {
      return pairs;
    }
    for (final String part : cell.split(";", -1)) {
      final int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new ProblemException(ErrorCode.INVALID_FIELD, at + " must be name=value pairs joined by ';'");
      }
      pairs.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return pairs;
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode grantsNode(final String cell, final String at) {
    final com.fasterxml.jackson.databind.node.ObjectNode node =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    final var currencies = node.putObject("currencies");
    final var items = node.putObject("items");
    for (final Map.Entry<String, String> e : pairs(cell, at).entrySet()) {
      final long amount;
      try {
        amount = Long.parseLong(e.getValue());
      } catch (final NumberFormatException ex) {
        throw new ProblemException(ErrorCode.INVALID_FIELD, at + ": " + e.getKey() + " must be a whole number");
      }
      if (e.getKey().startsWith("currency:")) {
        currencies.put(e.getKey().substring(9), amount);
      } else if (e.getKey().startsWith("item:")) {
        items.put(e.getKey().substring(5), amount);
      } else {
        throw new ProblemException(ErrorCode.INVALID_FIELD, at + ": " + e.getKey()
            + " must start with currency: or item:");
      }
    }
    return node;
  }

  /** RFC 4180 rows (quoted cells may hold commas, doubled quotes and line breaks), cells unguarded. */
  static List<List<String>> parse(final String csv) {
    final List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
        .readValues(csv)) {
      while (it.hasNextValue()) {
        rows.add(Arrays.stream(it.nextValue()).map(CatalogCsv::unguarded).toList());
      }
    } catch (final IOException | RuntimeException e) {
      throw new ProblemException(ErrorCode.MALFORMED_BODY, "not a CSV table: " + e.getMessage());
    }
    return rows;
  }
}
