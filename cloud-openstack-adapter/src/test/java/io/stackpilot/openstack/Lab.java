package io.stackpilot.openstack;

import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The shared OpenStack lab (deploy/openstack-lab): clouds from its clouds.yaml, logins, polling. */
public final class Lab {
    public static final String CLOUDS_YAML = "/tmp/openstack-lab/clouds.yaml";

    private Lab() {
    }

    /** A cloud whose service account is the clouds.yaml entry (lab-admin, lab-demo, lab-alt-demo). */
    public static OpenStackCloud connect(String cloudName, UpstreamObserver observer) {
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(Map.of("OS_CLOUD", cloudName,
                "OS_CLIENT_CONFIG_FILE", CLOUDS_YAML), problems);
        if (settings == null) {
            throw new IllegalStateException("lab settings: " + problems);
        }
        return OpenStackCloud.connect(settings, observer);
    }

    /** A user's own session (password login, project in domain Default), as the server would build it. */
    public static Session login(OpenStackCloud cloud, String user, String password, String project) {
        IssuedToken token = cloud.identity().authenticate(new PasswordCredentials(user, password, "Default", project,
                "Default"));
        return new Session(token.token(), token.principal(), cloud.location());
    }

    /** A server name with this helper's lab prefix, unique per call. */
    public static String name(String what) {
        return "osa-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Server awaitStatus(OpenStackCloud cloud, Session session, ServerId id, ServerStatus wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Optional<Server> server = cloud.compute().findServer(session, id);
            if (server.isPresent() && (server.get().status() == wanted || server.get().status() == ServerStatus.ERROR)) {
                return server.get();
            }
            pause(200);
        }
        throw new AssertionError("server " + id + " did not become " + wanted);
    }

    public static boolean awaitGone(OpenStackCloud cloud, Session session, ServerId id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (cloud.compute().findServer(session, id).isEmpty()) {
                return true;
            }
            pause(200);
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
