package dev.coffer.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link CofferStack} into test constructors, lifecycle methods and test methods. The stack
 * (one broker and one registry) starts on first use and is shared by every test class of the JVM: it
 * lives in the root context's store, which closes it when the test run ends.
 *
 * <pre>{@code
 * @Tag("integration")
 * @Timeout(120)
 * @ExtendWith(CofferStackExtension.class)
 * class LedgerIT {
 *   @Test
 *   void appliesAPurchase(CofferStack stack) {
 *     String topic = stack.createTopic("events", 2);
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class CofferStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CofferStackExtension.class);

  @Override
  public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == CofferStack.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return shared(context);
  }

  /** The JVM's shared stack, started on the first call. */
  public static CofferStack shared(final ExtensionContext context) {
    // The root store is shared by all test classes and closes AutoCloseable values at the end of the run.
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(CofferStack.class, type -> CofferStack.start(), CofferStack.class);
  }
}
