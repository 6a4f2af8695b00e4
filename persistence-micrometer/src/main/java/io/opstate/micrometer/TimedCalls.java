package io.opstate.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times every call of one repository interface, as {@link MeterNames#REPOSITORY_CALLS} tagged with
 * the repository, the operation (the method's name; overloads share it), the outcome and the
 * exception's simple class name. A proxy rather than a decorator per repository, so that every
 * operation, today's and tomorrow's, is timed without a line per method. The success timer of each
 * method is registered up front; a failure's on its first occurrence. A call returning a stream is
 * timed until the stream is returned, not while it is read; a handle a call returns (a
 * {@link io.opstate.jobs.ClaimedJob}) acts on the store untimed. Thread-safe.
 */
final class TimedCalls implements InvocationHandler {
    private final Object target;
    private final Timers timers;

    private TimedCalls(Object target, Timers timers) {
        this.target = target;
        this.timers = timers;
    }

    /** {@code target} as a {@code type} whose every call is timed with {@code timers}, made for {@code type}. */
    static <T> T wrap(T target, Class<T> type, Timers timers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new TimedCalls(target, timers)));
    }

    /** The timers of one repository's operations, registered once and shared by every wrapper of it. */
    static final class Timers {
        private final String repository;
        private final MeterRegistry registry;
        private final Tags tags;
        private final Map<Method, Timer> successes;

        Timers(Class<?> type, String repository, MeterRegistry registry, Tags tags) {
            this.repository = repository;
            this.registry = registry;
            this.tags = tags;
            Map<Method, Timer> timers = new HashMap<>();
            for (Method method : type.getMethods()) {
                if (!isObjectMethod(method)) {
                    timers.put(method, timer(method.getName(), "success", "none"));
                }
            }
            this.successes = Map.copyOf(timers);
        }

        private Timer timer(String operation, String outcome, String exception) {
            return Timer.builder(MeterNames.REPOSITORY_CALLS)
                    .description("Calls of repository operations")
                    .tags(tags)
                    .tag("repository", repository)
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .tag("exception", exception)
                    .register(registry);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Timer success = timers.successes.get(method);
        if (success == null) { // equals, hashCode, toString
            return invokeTarget(method, args);
        }
        long started = System.nanoTime();
        Object result;
        try {
            result = invokeTarget(method, args);
        } catch (Throwable failure) {
            timers.timer(method.getName(), "failure", failure.getClass().getSimpleName())
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw failure;
        }
        success.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result;
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
