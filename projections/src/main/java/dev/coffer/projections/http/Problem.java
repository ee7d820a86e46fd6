package dev.coffer.projections.http;

/**
 * An RFC 9457 problem body ({@code application/problem+json}) with a stable machine-readable
 * {@code code}: clients branch on the code, never on the title or detail.
 *
 * @param type a URI naming the problem type ({@code https://coffer.dev/problems/<code>}, as the gateway's)
 * @param title a short summary of the type
 * @param status the HTTP status
 * @param code the stable code, e.g. {@code VIEW_BEHIND}
 * @param detail what happened on this request
 */
public record Problem(String type, String title, int status, String code, String detail) {
  /** The media type of problem bodies. */
  public static final String MEDIA_TYPE = "application/problem+json";
}
