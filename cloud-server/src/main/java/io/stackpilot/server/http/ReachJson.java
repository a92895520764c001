package io.stackpilot.server.http;

import io.stackpilot.core.compute.KeyPair;
import io.stackpilot.core.compute.NewKeyPair;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupRule;
import java.util.List;

/** The JSON shapes of floating IPs, security groups and key pairs (snake_case through the mapper). */
final class ReachJson {
    private ReachJson() {
    }

    record FloatingIpJson(String id, String ip, String floatingNetworkId, String status, String serverId,
                          String fixedIp, String portId, String projectId) {
        static FloatingIpJson of(FloatingIp ip) {
            return new FloatingIpJson(ip.id(), ip.ip(), ip.floatingNetworkId(), ip.status(), ip.serverId(),
                    ip.fixedIp(), ip.portId(), ip.projectId());
        }
    }

    record FloatingIps(List<FloatingIpJson> floatingIps) {
    }

    record RuleJson(String id, String direction, String ethertype, String protocol, Integer portRangeMin,
                    Integer portRangeMax, String remoteIpPrefix, String remoteGroupId) {
        static RuleJson of(SecurityGroupRule r) {
            return new RuleJson(r.id(), r.direction(), r.ethertype(), r.protocol(), r.portRangeMin(),
                    r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId());
        }
    }

    record SecurityGroupJson(String id, String name, String description, String projectId, List<RuleJson> rules) {
        static SecurityGroupJson of(SecurityGroup g) {
            return new SecurityGroupJson(g.id(), g.name(), g.description(), g.projectId(),
                    g.rules().stream().map(RuleJson::of).toList());
        }
    }

    record SecurityGroups(List<SecurityGroupJson> securityGroups) {
    }

    record KeyPairJson(String name, String type, String fingerprint, String publicKey) {
        static KeyPairJson of(KeyPair k) {
            return new KeyPairJson(k.name(), k.type(), k.fingerprint(), k.publicKey());
        }
    }

    /** The answer to a generated key pair: the only place its private key ever appears. */
    record CreatedKeyPairJson(String name, String type, String fingerprint, String publicKey, String privateKey) {
        static CreatedKeyPairJson of(NewKeyPair created) {
            KeyPair k = created.keyPair();
            return new CreatedKeyPairJson(k.name(), k.type(), k.fingerprint(), k.publicKey(), created.privateKey());
        }

        @Override
        public String toString() {
            return "CreatedKeyPairJson[name=" + name + ", privateKey=***]";
        }
    }

    record KeyPairs(List<KeyPairJson> keyPairs) {
    }
}
