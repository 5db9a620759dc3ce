package focus.apiaccess.keycloak.secret;

import org.keycloak.OAuth2Constants;
import org.keycloak.util.BasicAuthHelper;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The Client ID and secret of a request, read as Keycloak's {@code client-secret} authenticator reads them, so that a
 * vendor sends exactly what it sends today: {@code client_secret_basic} (an {@code Authorization: Basic} header, its
 * parts URL-encoded as RFC 6749 says) or {@code client_secret_post} (form parameters). A form's {@code client_id}
 * wins over the header's. A request that sends a secret both ways uses two authentication methods, which RFC 6749
 * (section 2.3) forbids: it has no secret here, and is refused like a wrong one.
 */
public record PresentedCredentials(String clientId, String secret) {

    /**
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param form the decoded form parameters, or {@code null} when the body is not a form
     * @param fallbackClientId the Client ID an endpoint put on the session, or {@code null}
     * @return {@code null} when the request names no client
     */
    public static PresentedCredentials of(String authorization, MultivaluedMap<String, String> form, String fallbackClientId) {
        String clientId = null;
        String headerSecret = null;
        String formSecret = null;
        if (authorization != null) {
            String[] basic = BasicAuthHelper.RFC6749.parseHeader(authorization);
            if (basic != null) {
                clientId = basic[0];
                headerSecret = basic[1];
            }
        }
        if (form != null) {
            if (form.containsKey(OAuth2Constants.CLIENT_ID)) clientId = form.getFirst(OAuth2Constants.CLIENT_ID);
            if (form.containsKey(OAuth2Constants.CLIENT_SECRET)) formSecret = form.getFirst(OAuth2Constants.CLIENT_SECRET);
        }
        if (clientId == null) clientId = fallbackClientId;
        String secret = headerSecret != null && formSecret != null ? null : headerSecret != null ? headerSecret : formSecret;
        return clientId == null ? null : new PresentedCredentials(clientId, secret);
    }

    @Override
    public String toString() {
        return "PresentedCredentials[clientId=" + clientId + ", secret=" + (secret == null ? "none" : "given") + "]";
    }
}
