package focus.apiaccess.keycloak.exclusion;

import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import focus.apiaccess.keycloak.activity.ActivityContract;
import focus.apiaccess.keycloak.activity.ActivityStore;
import focus.apiaccess.keycloak.guard.ProvisionerGuardExecutorFactory;
import focus.apiaccess.keycloak.iprange.InvalidIpRangeException;
import focus.apiaccess.keycloak.iprange.IpRangeList;
import focus.apiaccess.keycloak.storage.ClientRowLock;

import static focus.apiaccess.keycloak.iprange.IpRangeExecutorFactory.IP_RANGES_ATTRIBUTE;

/**
 * On the update of an API client whose IP ranges change: refuses the change when the new ranges shut out addresses the
 * client got a token from in the last {@code activity.lockoutWarningDays} days ({@link AddressExclusion}), unless the
 * request carries {@value AddressExclusionExecutorFactory#CONFIRM_HEADER}{@code : true}.
 *
 * <p>It runs at {@code UPDATE}, before Keycloak applies the change, locks the client's row for every change of an API
 * client ({@link ClientRowLock}), and reads the addresses in the change's own transaction under that lock: a new
 * address the activity recorder writes for this client meanwhile waits for the change (its foreign key needs that
 * row), so check and write cannot be split by it.
 */
public class AddressExclusionExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    /** Leading word of the refusal; the provisioner reads the addresses after the description's last ": ". */
    public static final String EXCLUDES_RECENT_ADDRESSES = "excludes_recent_addresses";

    private final KeycloakSession session;

    public AddressExclusionExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return AddressExclusionExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.UPDATE || !(context instanceof ClientCRUDContext crud)) return;
        ClientModel client = crud.getTargetClient();
        ClientRepresentation proposed = crud.getProposedClientRepresentation();
        if (client == null || proposed == null) return;
        if (!ProvisionerGuardExecutorFactory.MARKER_VALUE.equals(client.getAttribute(ProvisionerGuardExecutorFactory.MANAGED_ATTRIBUTE))) return;
        // Any change of this client, whatever it changes: see ClientRowLock. The addresses are read under it too.
        ClientRowLock.lock(session, client);
        Map<String, String> attributes = proposed.getAttributes();
        // An attribute the update does not mention stays as it is.
        if (attributes == null || !attributes.containsKey(IP_RANGES_ATTRIBUTE)) return;
        List<String> ranges = AddressExclusion.entries(attributes.get(IP_RANGES_ATTRIBUTE));
        List<String> before = AddressExclusion.entries(client.getAttribute(IP_RANGES_ATTRIBUTE));
        if (ranges.isEmpty() || ranges.equals(before) || !readable(attributes.get(IP_RANGES_ATTRIBUTE)) || confirmed()) return;

        List<AddressExclusion.Seen> excluded = AddressExclusion.excluded(ranges, before, recentlySeen(client),
                Time.currentTimeMillis(), ActivityContract.LOCKOUT_WARNING_DAYS);
        if (excluded.isEmpty()) return;
        List<String> addresses = excluded.stream().map(AddressExclusion.Seen::address).toList();
        throw new ClientPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA, EXCLUDES_RECENT_ADDRESSES
                + ": the new IP ranges shut out addresses used in the last " + ActivityContract.LOCKOUT_WARNING_DAYS
                + " days: " + String.join(", ", addresses));
    }

    private boolean confirmed() {
        String value = session.getContext().getRequestHeaders().getHeaderString(AddressExclusionExecutorFactory.CONFIRM_HEADER);
        return value != null && "true".equalsIgnoreCase(value.strip());
    }

    /** Ranges that cannot be read are the IP-range check's to refuse, naming the entry; they shut out nothing here. */
    private static boolean readable(String ranges) {
        try {
            IpRangeList.parse(ranges);
            return true;
        } catch (InvalidIpRangeException e) {
            return false;
        }
    }

    /** The client's recent addresses, read in this request's transaction with the client's row locked. */
    private List<AddressExclusion.Seen> recentlySeen(ClientModel client) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return new ActivityStore(em).addresses(client.getId()).stream()
                .map(a -> new AddressExclusion.Seen(a.address(), a.lastSeen()))
                .toList();
    }
}
