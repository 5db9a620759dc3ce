package focus.apiaccess.keycloak.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ClientResource;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

import focus.apiaccess.keycloak.activity.ActivityContract;
import focus.apiaccess.keycloak.activity.ActivityStore;
import focus.apiaccess.keycloak.activity.RefusalReason;
import focus.apiaccess.keycloak.guard.ActingProvisionerConditionFactory;
import focus.apiaccess.keycloak.history.Actor;
import focus.apiaccess.keycloak.history.ClientState;
import focus.apiaccess.keycloak.history.HistoryAction;
import focus.apiaccess.keycloak.history.HistoryExecutor;
import focus.apiaccess.keycloak.history.HistoryStore;
import focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory;
import focus.apiaccess.keycloak.search.ClientIndex;
import focus.apiaccess.keycloak.search.IndexCache;
import focus.apiaccess.keycloak.secret.GracePeriod;
import focus.apiaccess.keycloak.secret.SecretGenerationExecutorFactory;
import focus.apiaccess.keycloak.storage.ClientRowLock;

/**
 * What the provisioner reads in one request each, as JSON: a page of managed API clients with their last use, and a
 * client's activity. Only callers whose token carries realm-management's {@code view-clients} (the provisioner's
 * service account has it) get an answer: 401 without a valid token of this realm, 403 without the role. Clients
 * without the managed marker are never shown (404). No secret is ever part of an answer: client attributes pass an
 * allow-list.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ReadResource {

    private final KeycloakSession session;
    private final IndexCache cache;

    ReadResource(KeycloakSession session, IndexCache cache) {
        this.session = session;
        this.cache = cache;
    }

    /** {@code GET settings}: the realm's settings the page explains, {@code { secretGraceSeconds }}. */
    @GET
    @Path("settings")
    public Map<String, Object> settings() {
        RealmModel realm = requireReader();
        return Map.of("secretGraceSeconds", GracePeriod.seconds(session, realm));
    }

    /** {@code GET clients?search=&first=&max=}: {@code { total, clients: [...] }}, ordered by Client ID. */
    @GET
    @Path("clients")
    public Map<String, Object> clients(@QueryParam("search") String search, @QueryParam("first") String first,
                                       @QueryParam("max") String max) {
        RealmModel realm = requireReader();
        int from = Query.whole("first", first, 0, 0, 1_000_000);
        int size = Query.whole("max", max, 20, 1, ActivityContract.PAGE_SIZE);
        if (search != null && search.codePointCount(0, search.length()) > ActivityContract.SEARCH_MAX_CHARACTERS) {
            throw Query.bad("search", "must be at most " + ActivityContract.SEARCH_MAX_CHARACTERS + " characters");
        }
        EntityManager em = entityManager();
        ClientIndex.Page page = cache.search(new ClientIndex(em), realm.getId(), search, from, size);
        Map<String, ActivityStore.Address> lastUses = new ActivityStore(em).lastUses(page.ids());
        List<Map<String, Object>> clients = new ArrayList<>();
        for (String id : page.ids()) {
            ClientModel client = session.clients().getClientById(realm, id);
            if (!isManaged(client)) continue;
            Map<String, Object> rep = ClientView.of(client);
            ActivityStore.Address last = lastUses.get(id);
            if (last != null) rep.put("lastUse", use(last));
            clients.add(rep);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("clients", clients);
        return answer;
    }

    /**
     * {@code GET clients/{id}/activity}: the IP ranges, last use, recent source addresses, refusals summed per reason, and
     * the client as the list shows it.
     */
    @GET
    @Path("clients/{id}/activity")
    public Map<String, Object> activity(@PathParam("id") String id) {
        RealmModel realm = requireReader();
        ClientModel client = requireManaged(realm, id);
        ActivityStore store = new ActivityStore(entityManager());
        List<ActivityStore.Address> addresses = store.addresses(client.getId());
        Map<String, Object> answer = new LinkedHashMap<>();
        // The ranges in force, so that a check of new ones needs no second request.
        String ranges = client.getAttribute(IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE);
        if (ranges != null) answer.put("ipRanges", ranges);
        // The client itself too, so that a change of its ranges reads it once, together with what the check needs.
        answer.put("client", ClientView.of(client));
        if (!addresses.isEmpty()) answer.put("lastUse", use(addresses.get(0)));
        List<Map<String, Object>> recent = new ArrayList<>();
        for (ActivityStore.Address address : addresses) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("address", address.address());
            item.put("firstSeen", address.firstSeen());
            item.put("lastSeen", address.lastSeen());
            recent.add(item);
        }
        answer.put("addresses", recent);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (ActivityStore.RefusalGroup group : store.refusalGroups(client.getId())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("reason", group.reason().code);
            item.put("refusals", group.refusals());
            item.put("sources", group.sources());
            item.put("lastAt", group.lastAt());
            groups.add(item);
        }
        answer.put("refusals", groups);
        return answer;
    }

    /** {@code GET clients/{id}/refusals?reason=&first=&max=}: one page of refusal sources, most recent first. */
    @GET
    @Path("clients/{id}/refusals")
    public Map<String, Object> refusals(@PathParam("id") String id, @QueryParam("reason") String reasonCode,
                                        @QueryParam("first") String first, @QueryParam("max") String max) {
        RealmModel realm = requireReader();
        RefusalReason reason = RefusalReason.ofCode(reasonCode == null ? "" : reasonCode);
        if (reason == null) throw Query.bad("reason", "must be one of " + String.join(", ", ActivityContract.REFUSAL_REASONS));
        int from = Query.whole("first", first, 0, 0, 1_000_000);
        int size = Query.whole("max", max, 20, 1, ActivityContract.PAGE_SIZE);
        ClientModel client = requireManaged(realm, id);
        ActivityStore store = new ActivityStore(entityManager());
        List<Map<String, Object>> items = new ArrayList<>();
        for (ActivityStore.Refusal refusal : store.refusals(client.getId(), reason, from, size)) {
            Map<String, Object> item = new LinkedHashMap<>();
            if (refusal.address() != null) item.put("address", refusal.address());
            if (refusal.error() != null && !refusal.error().isEmpty()) item.put("error", refusal.error());
            item.put("firstAt", refusal.firstAt());
            item.put("lastAt", refusal.lastAt());
            item.put("refusals", refusal.refusals());
            items.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", store.refusalCount(client.getId(), reason));
        answer.put("items", items);
        return answer;
    }

    /**
     * {@code GET history?client=&person=&action=&from=&to=&first=&max=}: {@code { total, items: [...] }}, most recent
     * first. {@code client} is a client's id or Client ID (a deleted client's too), {@code person} a username or
     * subject, {@code from}/{@code to} epoch milliseconds ({@code to} exclusive).
     */
    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("client") String client, @QueryParam("person") String person,
                                       @QueryParam("action") String action, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @QueryParam("first") String first,
                                       @QueryParam("max") String max) {
        RealmModel realm = requireReader();
        int start = Query.whole("first", first, 0, 0, 1_000_000);
        int size = Query.whole("max", max, 20, 1, ActivityContract.PAGE_SIZE);
        if (action != null && !action.isEmpty() && HistoryAction.ofCode(action) == null) {
            throw Query.bad("action", "is not a kind of change the history records");
        }
        HistoryStore.Filter filter = new HistoryStore.Filter(Query.text("client", client, 255), Query.text("person", person, 255),
                action == null || action.isEmpty() ? null : action, Query.time("from", from), Query.time("to", to));
        HistoryStore.Page page = new HistoryStore(entityManager()).page(realm.getId(), filter, start, size);
        List<Map<String, Object>> items = new ArrayList<>();
        for (HistoryStore.Entry entry : page.entries()) items.add(HistoryView.of(entry));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("items", items);
        return answer;
    }

    /**
     * {@code PUT clients/{id}/services} with {@code {"services": [scope names]}}: the client's services (default
     * client scopes that carry the service marker) become exactly these, in one transaction with their history entry.
     * Keycloak's admin API changes one scope per request, which could leave a change half-made and gives the history
     * no single moment. Needs manage-clients.
     */
    @PUT
    @Path("clients/{id}/services")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response services(@PathParam("id") String id, Map<String, Object> body) {
        RealmModel realm = requireRole(AdminRoles.MANAGE_CLIENTS);
        Actor actor = actorOf(realm);
        ClientModel client = lockedManaged(realm, id);
        Object names = body == null ? null : body.get("services");
        if (!(names instanceof List<?> list) || !list.stream().allMatch(n -> n instanceof String)) {
            throw Query.bad("services", "must be a list of service names");
        }
        Map<String, ClientScopeModel> wanted = new LinkedHashMap<>();
        for (Object name : list) {
            ClientScopeModel scope = realm.getClientScopesStream().filter(s -> name.equals(s.getName())).findFirst().orElse(null);
            if (scope == null || !isService(scope)) throw Query.bad("services", "has no service named " + name);
            wanted.put((String) name, scope);
        }
        ClientState before = ClientState.of(client);
        for (ClientScopeModel scope : client.getClientScopes(true).values()) {
            if (isService(scope) && !wanted.containsKey(scope.getName())) client.removeClientScope(scope);
        }
        Map<String, ClientScopeModel> has = client.getClientScopes(true);
        for (ClientScopeModel scope : wanted.values()) if (!has.containsKey(scope.getName())) client.addClientScope(scope, true);
        for (ClientState.Change change : ClientState.of(client).changesSince(before)) {
            HistoryExecutor.append(session, client, change.action(), actor, change.before(), change.after(), requestId());
        }
        return Response.noContent().build();
    }

    /** What {@code PUT clients/{id}} may change: the parts of a client the provisioner changes after creating it. */
    private static final Set<String> CHANGEABLE = Set.of("name", "enabled", "attributes");
    private static final Set<String> CHANGEABLE_ATTRIBUTES = Set.of(IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE,
            SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_BY_ATTRIBUTE, SecretGenerationExecutorFactory.CREDENTIALS_GENERATED_AT_ATTRIBUTE,
            SecretGenerationExecutorFactory.CREDENTIALS_UNDELIVERED_ATTRIBUTE, SecretGenerationExecutorFactory.END_PREVIOUS_ATTRIBUTE);
    /** Keycloak's column for a client's name. */
    private static final int NAME_MAX_CHARACTERS = 255;
    /** Far more than any attribute the provisioner writes (at most 50 ranges of at most 100 characters). */
    private static final int ATTRIBUTE_MAX_CHARACTERS = 8_192;

    /**
     * {@code PUT clients/{id}} with {@code {"name"?, "enabled"?, "attributes"?}}: Keycloak's own client update, the one
     * behind {@code PUT /admin/realms/{realm}/clients/{id}} (its permission check, client policies, validation and
     * admin event), answered with the client as the list shows it, read in the same transaction. The admin API answers
     * an update with nothing, which cost every change a second request. As there, an attribute sent empty is removed
     * and one not sent is left alone. Needs manage-clients; a client without the managed marker is not found.
     */
    @PUT
    @Path("clients/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("id") String id, Map<String, Object> body) {
        RealmModel realm = requireRole(AdminRoles.MANAGE_CLIENTS);
        ClientRepresentation rep = changesOf(body);
        ClientModel client = lockedManaged(realm, id);
        AdminAuth admin = new AdminAuth(realm, authenticated.token(), authenticated.user(), authenticated.client());
        AdminEventBuilder events = new AdminEventBuilder(realm, admin, session, session.getContext().getConnection());
        new ClientResource(realm, AdminPermissions.evaluator(session, realm, admin), client, session, events).update(rep);
        return ClientView.of(client);
    }

    private static ClientRepresentation changesOf(Map<String, Object> body) {
        if (body == null) throw Query.bad("body", "must be a JSON object");
        for (String key : body.keySet()) {
            if (!CHANGEABLE.contains(key)) throw Query.bad(key, "cannot be changed here; only " + String.join(", ", new TreeSet<>(CHANGEABLE)));
        }
        ClientRepresentation rep = new ClientRepresentation();
        if (body.containsKey("name")) {
            if (!(body.get("name") instanceof String name) || name.isBlank()) throw Query.bad("name", "must be a string that is not empty");
            if (name.codePointCount(0, name.length()) > NAME_MAX_CHARACTERS) {
                throw Query.bad("name", "must be at most " + NAME_MAX_CHARACTERS + " characters");
            }
            if (name.codePoints().anyMatch(ReadResource::invisible)) {
                throw Query.bad("name", "must not contain control or invisible formatting characters");
            }
            rep.setName(name);
        }
        if (body.containsKey("enabled")) {
            if (!(body.get("enabled") instanceof Boolean enabled)) throw Query.bad("enabled", "must be true or false");
            rep.setEnabled(enabled);
        }
        // Always a map, as the admin API gets from the provisioner, so that an update never looks like one that clears them.
        Map<String, String> attributes = new LinkedHashMap<>();
        if (body.containsKey("attributes")) {
            if (!(body.get("attributes") instanceof Map<?, ?> given)) throw Query.bad("attributes", "must be an object of strings");
            for (Map.Entry<?, ?> entry : given.entrySet()) {
                String key = String.valueOf(entry.getKey());
                // Keycloak's other attributes (token lifespans, PKCE, …) and the record of who made the client are
                // not the provisioner's to change, and no history entry would show such a change.
                if (!CHANGEABLE_ATTRIBUTES.contains(key)) {
                    throw Query.bad("attributes", "cannot include " + key + "; only " + String.join(", ", new TreeSet<>(CHANGEABLE_ATTRIBUTES)));
                }
                if (!(entry.getValue() instanceof String value)) throw Query.bad("attributes", "must be an object of strings");
                if (value.length() > ATTRIBUTE_MAX_CHARACTERS) throw Query.bad("attributes", key + " is longer than " + ATTRIBUTE_MAX_CHARACTERS + " characters");
                attributes.put(key, value);
            }
        }
        rep.setAttributes(attributes);
        return rep;
    }

    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** What a failed change may say it attempted: the values a history entry shows, never a secret. */
    private static final Set<String> ATTEMPTED_VALUES = Set.of("name", "services", "ipRanges", "enabled", "secretExpiresAt");
    /** Far more than any valid name, services and ranges take (contract limits), and a bound on what a row may hold. */
    private static final int MAX_ATTEMPTED_CHARACTERS = 16_384;
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z_]{0,63}");

    /**
     * {@code POST clients/{id}/failed-changes} with {@code {"action", "error", "attempted"}}: records that a change of
     * this client was attempted and failed, naming the acting person as every entry does. Only failures can be written
     * here: an entry of a change that was made comes from that change's own transaction, never from a request. Needs
     * manage-clients.
     */
    @POST
    @Path("clients/{id}/failed-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response failedChange(@PathParam("id") String id, Map<String, Object> body) {
        RealmModel realm = requireRole(AdminRoles.MANAGE_CLIENTS);
        Actor actor = actorOf(realm);
        ClientModel client = requireManaged(realm, id);
        Object code = body == null ? null : body.get("action");
        HistoryAction action = code instanceof String text ? HistoryAction.ofCode(text) : null;
        if (action == null || action == HistoryAction.CREATE) {
            throw Query.bad("action", "must be the code of a change to an existing client (contract.json history.actions)");
        }
        if (!(body.get("error") instanceof String error) || !ERROR_CODE.matcher(error).matches()) {
            throw Query.bad("error", "must be an error code: lower-case letters and underscores, at most 64");
        }
        Object attempted = body.get("attempted");
        if (attempted != null && !(attempted instanceof Map<?, ?> values && ATTEMPTED_VALUES.containsAll(values.keySet()))) {
            throw Query.bad("attempted", "must be an object with only these keys: " + String.join(", ", new TreeSet<>(ATTEMPTED_VALUES)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) attempted;
        if (after != null && String.valueOf(after).length() > MAX_ATTEMPTED_CHARACTERS) {
            throw Query.bad("attempted", "is longer than " + MAX_ATTEMPTED_CHARACTERS + " characters");
        }
        HistoryExecutor.appendFailure(session, client, action, actor, after, error, requestId());
        return Response.noContent().build();
    }

    /** A client scope carrying the service marker (contract.json {@code serviceAttributes.marker}). */
    private static boolean isService(ClientScopeModel scope) {
        return ClientState.SERVICE_VALUE.equals(scope.getAttribute(ClientState.SERVICE_MARKER));
    }

    private Actor actorOf(RealmModel realm) {
        try {
            return Actor.of(caller, realm,
                    ActingProvisionerConditionFactory.DEFAULT_CLIENT_ID, session.getContext().getRequestHeaders());
        } catch (Actor.InvalidActor e) {
            throw Query.bad("actor", e.getMessage());
        }
    }

    private String requestId() {
        return Actor.requestId(session.getContext().getRequestHeaders());
    }

    private static Map<String, Object> use(ActivityStore.Address address) {
        Map<String, Object> use = new TreeMap<>();
        use.put("time", address.lastSeen());
        use.put("address", address.address());
        return use;
    }

    /** The realm, when the caller may read clients; 401 or 403 otherwise. */
    private RealmModel requireReader() {
        return requireRole(AdminRoles.VIEW_CLIENTS);
    }

    /** The caller of this request, once {@link #requireRole} has let it in. */
    private UserModel caller;
    /** Its authentication, for Keycloak's own admin resources. */
    private AuthResult authenticated;

    /** The realm, when the caller's token carries this role of realm-management; 401 or 403 otherwise. */
    private RealmModel requireRole(String role) {
        RealmModel realm = session.getContext().getRealm();
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (auth == null) {
            throw new WebApplicationException(Response.status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer realm=\"" + realm.getName() + "\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "unauthorized", "error_description", "a bearer token of this realm is required"))
                    .build());
        }
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel required = management == null ? null : management.getRole(role);
        if (required == null || auth.user() == null || !auth.user().hasRole(required)) {
            throw new WebApplicationException(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "forbidden", "error_description", "needs the role " + role + " of realm-management"))
                    .build());
        }
        caller = auth.user();
        authenticated = auth;
        return realm;
    }

    private ClientModel requireManaged(RealmModel realm, String id) {
        ClientModel client = session.clients().getClientById(realm, id);
        if (!isManaged(client)) {
            throw new WebApplicationException(Response.status(Response.Status.NOT_FOUND)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "not_found", "error_description", "no API client with this id"))
                    .build());
        }
        return client;
    }

    /** An attribute no client has; see {@link #lockedManaged}. */
    private static final String NO_SUCH_ATTRIBUTE = "focus.none";

    /**
     * The API client as the database has it now, with its row locked until the change ends ({@link ClientRowLock}).
     * Keycloak's cache may still hold what a change that has just ended replaced (a read elsewhere can fill it again in
     * the moment between that change's cache invalidation and its commit). This change's checks and its history entry's
     * "before" start from the database instead: a cached client reads the database's copy from its first change on,
     * and removing an attribute it does not have is a change that writes nothing (the cache's own interface, which could
     * say so directly, is in a Keycloak module Maven Central cannot resolve).
     */
    private ClientModel lockedManaged(RealmModel realm, String id) {
        ClientRowLock.lock(session, id);
        ClientModel client = requireManaged(realm, id);
        client.removeAttribute(NO_SUCH_ATTRIBUTE);
        return client;
    }

    private static boolean isManaged(ClientModel client) {
        return client != null && ClientIndex.MANAGED_VALUE.equals(client.getAttribute(ClientIndex.MANAGED_ATTRIBUTE));
    }

    private EntityManager entityManager() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
