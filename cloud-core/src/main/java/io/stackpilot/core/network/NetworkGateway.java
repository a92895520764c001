package io.stackpilot.core.network;

import io.stackpilot.core.identity.Session;
import java.util.List;

/** A cloud's network service (Neutron v2.0 implements it). Thread-safe. */
public interface NetworkGateway {

    /** Every network the session's project can see, with subnets, all pages followed. Idempotent. */
    List<Network> listNetworks(Session session);

    /** The session project's floating IP and security group quota with their use. Idempotent. */
    NetworkQuota quota(Session session);
}
