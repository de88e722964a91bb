package io.wschat.localgateway;

import java.util.Optional;

/**
 * A browser's WebSocket upgrade that the gateway refused for its {@code Origin} header
 * ({@link LocalGatewayBuilder#onRefusedOrigin}).
 *
 * @param origin the header as the browser sent it (control characters replaced, at most 200 characters)
 * @param status the HTTP status the upgrade got, 403
 * @param allowedOrigin the value of {@link LocalGatewayBuilder#allowedOrigin} that would let it in, such as
 *     {@code http://evil.example} for {@code http://evil.example:80}, or {@code null}; empty when the header is no
 *     origin at all, which nothing can allow
 */
public record RefusedOrigin(String origin, int status, Optional<String> allowedOrigin) {}
