package io.camelmedia.app.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

/**
 * The ingress and egress routes the API made, each from a route template: what was asked for, the stream, the
 * route. Bounded ({@link #MAX_RESOURCES}); DELETE stops and removes the route, and what it bound (ports, files,
 * threads) goes with it.
 */
final class ApiResources {
    static final int MAX_RESOURCES = 256;

    /** One API-made route. {@code fields} is what the caller gave (and defaults), as it is shown back. */
    record Resource(String id, String kind, String type, String stream, Map<String, Object> fields, long createdAtMillis,
                    String routeId, Map<String, Object> extra) {
    }

    /** A value that depends on the id of the resource being made (its SDP file, its playlist URL). */
    @FunctionalInterface
    interface ById {
        String of(String id);
    }

    private final CamelContext camel;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    ApiResources(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Makes a route from template {@code kind-type} with the parameters, started at once. A route that fails to start
     * (a port already bound, a folder that cannot be made) is removed again and reported as {@code conflict}.
     */
    Resource create(String kind, String type, String stream, Map<String, Object> fields, Map<String, Object> parameters,
                    Map<String, ById> extra, String conflictField) {
        String id;
        synchronized (this) {
            if (resources.size() >= MAX_RESOURCES) {
                throw new ApiException(503, null, "at most " + MAX_RESOURCES + " ingress/egress at once; delete some first");
            }
            id = kind + "-" + ids.incrementAndGet();
        }
        String routeId = "api-" + id;
        Map<String, Object> params = new LinkedHashMap<>();
        parameters.forEach((k, v) -> params.put(k, v instanceof ById b ? b.of(id) : v));
        params.put("stream", stream);
        params.putIfAbsent("id", id);
        String template = kind + "-" + type;
        if (((org.apache.camel.model.ModelCamelContext) camel).getRouteTemplateDefinition(template) == null) {
            throw new ApiException(404, null, "no route template " + template);
        }
        try {
            camel.addRouteFromTemplate(routeId, template, params);
            if (camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
                camel.getRouteController().startRoute(routeId);
            }
        } catch (Exception e) {
            removeRoute(routeId);
            Throwable cause = rootCause(e);
            throw new ApiException(409, conflictField, (conflictField == null ? "" : conflictField + ": ")
                    + "cannot start " + template + ": " + cause.getMessage());
        }
        Resource r = new Resource(id, kind, type, stream, Map.copyOf(fields), System.currentTimeMillis(), routeId,
                resolved(extra, id));
        synchronized (this) {
            resources.put(id, r);
        }
        return r;
    }

    private static Map<String, Object> resolved(Map<String, ById> extra, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        extra.forEach((k, v) -> m.put(k, v.of(id)));
        return m;
    }

    synchronized Optional<Resource> get(String kind, String id) {
        Resource r = resources.get(id);
        return r != null && r.kind().equals(kind) ? Optional.of(r) : Optional.empty();
    }

    synchronized List<Resource> list(String kind) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (kind == null || r.kind().equals(kind)) {
                out.add(r);
            }
        }
        return out;
    }

    /** True when a resource of {@code kind}/{@code type} already has {@code field} = {@code value}. */
    synchronized boolean inUse(String kind, String type, String field, Object value) {
        return resources.values().stream().anyMatch(r -> r.kind().equals(kind) && r.type().equals(type)
                && value.equals(r.fields().get(field)));
    }

    Optional<Resource> delete(String kind, String id) {
        Resource r;
        synchronized (this) {
            r = resources.get(id);
            if (r == null || !r.kind().equals(kind)) {
                return Optional.empty();
            }
            resources.remove(id);
        }
        removeRoute(r.routeId());
        return Optional.of(r);
    }

    String status(Resource r) {
        ServiceStatus s = camel.getRouteController().getRouteStatus(r.routeId());
        return s == null ? "removed" : s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void removeRoute(String routeId) {
        try {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            }
        } catch (Exception e) {
            throw new ApiException(500, null, "cannot remove route " + routeId + ": " + rootCause(e).getMessage());
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
