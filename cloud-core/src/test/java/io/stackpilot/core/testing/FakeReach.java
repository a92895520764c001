package io.stackpilot.core.testing;

import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.compute.KeyPair;
import io.stackpilot.core.compute.KeyPairGateway;
import io.stackpilot.core.compute.NewKeyPair;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupGateway;
import io.stackpilot.core.network.SecurityGroupRule;
import io.stackpilot.core.network.SecurityGroupRuleSpec;
import io.stackpilot.core.network.ServerPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The floating IPs, security groups and key pairs of a {@link FakeCloud}, in memory, with the cloud's visible rules:
 * Neutron lets a token with the admin role see and change any project's floating IPs and security groups by id
 * (and lists only the token's project when asked for it, as the adapter asks); Nova keeps key pairs per user; each
 * server has one port per network it has an address on. {@link #setLeakOtherUsersKeyPairs} makes a find return
 * another user's key pair of that name (as Nova does for an admin asking with {@code user_id}). Thread-safe.
 */
public final class FakeReach implements FloatingIpGateway, SecurityGroupGateway, KeyPairGateway {
    private final FakeCloud cloud;
    private final Map<String, FloatingIp> floatingIps = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
    private final Map<String, Integer> floatingIpQuota = new LinkedHashMap<>();
    private int nextAddress = 10;
    private volatile boolean leakOtherUsersKeyPairs;

    public FakeReach(FakeCloud cloud) {
        this.cloud = cloud;
    }

    /** From now on, the project may hold at most {@code max} floating IPs (Neutron's quota). */
    public synchronized void setFloatingIpQuota(String projectId, int max) {
        floatingIpQuota.put(projectId, max);
    }

    public void setLeakOtherUsersKeyPairs(boolean leak) {
        leakOtherUsersKeyPairs = leak;
    }

    /** Every floating IP of every project (for assertions). */
    public synchronized List<FloatingIp> allFloatingIps() {
        return List.copyOf(floatingIps.values());
    }

    private static boolean visible(Session session, String projectId) {
        return projectId.equals(session.project().id()) || session.principal().hasRole("admin");
    }

    // ---- floating IPs -------------------------------------------------------------------------------------

    @Override
    public synchronized List<FloatingIp> listFloatingIps(Session session) {
        return floatingIps.values().stream().filter(ip -> ip.projectId().equals(session.project().id())).toList();
    }

    @Override
    public synchronized Optional<FloatingIp> findFloatingIp(Session session, String id) {
        return Optional.ofNullable(floatingIps.get(id)).filter(ip -> visible(session, ip.projectId()));
    }

    @Override
    public synchronized FloatingIp allocate(Session session, String floatingNetworkId, String description) {
        if (floatingIpQuota.containsKey(session.project().id()) && floatingIps.values().stream()
                .filter(ip -> ip.projectId().equals(session.project().id())).count()
                >= floatingIpQuota.get(session.project().id())) {
            throw new QuotaExceededException("Quota exceeded for resources: ['floatingip'].", null);
        }
        FloatingIp ip = new FloatingIp(UUID.randomUUID().toString(), "203.0.113." + nextAddress++, floatingNetworkId,
                session.project().id(), "DOWN", null, null, null, description, FakeCloud.LOCATION);
        floatingIps.put(ip.id(), ip);
        return ip;
    }

    @Override
    public synchronized FloatingIp associate(Session session, String id, String portId, String fixedIp) {
        FloatingIp ip = existing(session, id);
        String serverId = portId.substring(0, portId.lastIndexOf('/'));
        if (floatingIps.values().stream().anyMatch(other -> !other.id().equals(id) && portId.equals(other.portId()))) {
            throw new ConflictException("port " + portId + " already has a floating IP");
        }
        FloatingIp associated = new FloatingIp(ip.id(), ip.ip(), ip.floatingNetworkId(), ip.projectId(), "ACTIVE",
                portId, fixedIp, serverId, ip.description(), ip.location());
        floatingIps.put(id, associated);
        return associated;
    }

    @Override
    public synchronized FloatingIp disassociate(Session session, String id) {
        FloatingIp ip = existing(session, id);
        FloatingIp free = new FloatingIp(ip.id(), ip.ip(), ip.floatingNetworkId(), ip.projectId(), "DOWN", null, null,
                null, ip.description(), ip.location());
        floatingIps.put(id, free);
        return free;
    }

    @Override
    public synchronized void release(Session session, String id) {
        floatingIps.remove(existing(session, id).id());
    }

    private FloatingIp existing(Session session, String id) {
        return findFloatingIp(session, id).orElseThrow(() -> new NotFoundException("floating ip", id));
    }

    /** Port ids are {@code <server id>/<network name>}. */
    @Override
    public synchronized List<ServerPort> serverPorts(Session session, String serverId) {
        Optional<Server> server = cloud.allServers().stream().filter(s -> s.id().value().equals(serverId))
                .findFirst();
        if (server.isEmpty() || !visible(session, server.get().projectId())) {
            return List.of();
        }
        Map<String, List<String>> ips = new LinkedHashMap<>();
        for (Address address : server.get().addresses()) {
            if (address.type() == AddressType.FIXED) {
                ips.computeIfAbsent(address.network(), network -> new ArrayList<>()).add(address.ip());
            }
        }
        return ips.entrySet().stream().map(entry -> new ServerPort(serverId + "/" + entry.getKey(),
                entry.getKey(), server.get().projectId(), serverId, entry.getValue())).toList();
    }

    // ---- security groups ----------------------------------------------------------------------------------

    @Override
    public synchronized List<SecurityGroup> listSecurityGroups(Session session) {
        return groups.values().stream().filter(group -> group.projectId().equals(session.project().id())).toList();
    }

    @Override
    public synchronized Optional<SecurityGroup> findSecurityGroup(Session session, String id) {
        return Optional.ofNullable(groups.get(id)).filter(group -> visible(session, group.projectId()));
    }

    @Override
    public synchronized SecurityGroup createSecurityGroup(Session session, String name, String description) {
        List<SecurityGroupRule> egress = List.of(
                new SecurityGroupRule(UUID.randomUUID().toString(), "egress", "IPv4", null, null, null, null, null),
                new SecurityGroupRule(UUID.randomUUID().toString(), "egress", "IPv6", null, null, null, null, null));
        SecurityGroup group = new SecurityGroup(UUID.randomUUID().toString(), name, description,
                session.project().id(), egress, FakeCloud.LOCATION);
        groups.put(group.id(), group);
        return group;
    }

    @Override
    public synchronized SecurityGroupRule addRule(Session session, String groupId, SecurityGroupRuleSpec spec) {
        SecurityGroup group = findSecurityGroup(session, groupId)
                .orElseThrow(() -> new NotFoundException("security group", groupId));
        SecurityGroupRule rule = new SecurityGroupRule(UUID.randomUUID().toString(), spec.direction(),
                spec.ethertype(), spec.protocol(), spec.portRangeMin(), spec.portRangeMax(), spec.remoteIpPrefix(),
                null);
        boolean duplicate = group.rules().stream().anyMatch(existing -> existing.direction().equals(rule.direction())
                && existing.ethertype().equals(rule.ethertype()) && same(existing.protocol(), rule.protocol())
                && same(existing.portRangeMin(), rule.portRangeMin())
                && same(existing.remoteIpPrefix(), rule.remoteIpPrefix()));
        if (duplicate) {
            throw new ConflictException("Security group rule already exists.");
        }
        List<SecurityGroupRule> rules = new ArrayList<>(group.rules());
        rules.add(rule);
        groups.put(groupId, new SecurityGroup(group.id(), group.name(), group.description(), group.projectId(),
                rules, group.location()));
        return rule;
    }

    private static boolean same(Object left, Object right) {
        return left == null ? right == null : left.equals(right);
    }

    @Override
    public synchronized void deleteRule(Session session, String ruleId) {
        for (SecurityGroup group : List.copyOf(groups.values())) {
            if (visible(session, group.projectId()) && group.rules().stream().anyMatch(r -> r.id().equals(ruleId))) {
                groups.put(group.id(), new SecurityGroup(group.id(), group.name(), group.description(),
                        group.projectId(), group.rules().stream().filter(r -> !r.id().equals(ruleId)).toList(),
                        group.location()));
                return;
            }
        }
        throw new NotFoundException("security group rule", ruleId);
    }

    @Override
    public synchronized void deleteSecurityGroup(Session session, String id) {
        SecurityGroup group = findSecurityGroup(session, id).orElseThrow(() -> new NotFoundException("security group",
                id));
        groups.remove(group.id());
    }

    // ---- key pairs ----------------------------------------------------------------------------------------

    private static String key(String userId, String name) {
        return userId + "/" + name;
    }

    @Override
    public synchronized List<KeyPair> listKeyPairs(Session session) {
        String userId = session.principal().user().id();
        return keyPairs.values().stream().filter(k -> userId.equals(k.userId()))
                .map(k -> new KeyPair(k.name(), k.type(), k.fingerprint(), k.publicKey(), null)).toList();
    }

    @Override
    public synchronized Optional<KeyPair> findKeyPair(Session session, String name) {
        KeyPair own = keyPairs.get(key(session.principal().user().id(), name));
        if (own != null || !leakOtherUsersKeyPairs) {
            return Optional.ofNullable(own);
        }
        return keyPairs.values().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    @Override
    public synchronized NewKeyPair createKeyPair(Session session, String name) {
        KeyPair keyPair = store(session, name, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + UUID.randomUUID()
                .toString().replace("-", "") + " Generated-by-Nova");
        return new NewKeyPair(keyPair, "-----BEGIN OPENSSH PRIVATE KEY-----\nfake-" + UUID.randomUUID()
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
    }

    @Override
    public synchronized KeyPair importKeyPair(Session session, String name, String publicKey) {
        return store(session, name, publicKey);
    }

    private KeyPair store(Session session, String name, String publicKey) {
        String userId = session.principal().user().id();
        if (keyPairs.containsKey(key(userId, name))) {
            throw new ConflictException("Key pair '" + name + "' already exists.");
        }
        KeyPair keyPair = new KeyPair(name, "ssh", "fp:" + Integer.toHexString(publicKey.hashCode()), publicKey,
                userId);
        keyPairs.put(key(userId, name), keyPair);
        return keyPair;
    }

    @Override
    public synchronized void deleteKeyPair(Session session, String name) {
        if (keyPairs.remove(key(session.principal().user().id(), name)) == null) {
            throw new NotFoundException("key pair", name);
        }
    }
}
