#!/usr/bin/env bash
# Builds the Kustomize base and the example overlay with `kubectl kustomize` (no cluster needed) and checks what a
# YAML-parsing unit test cannot: that Kustomize accepts them and what the overlay produces. Also a few invariants
# (env names, probe paths, shutdown budget) so a quick run catches drift before the Java manifest test does.
# Needs kubectl (any recent one embeds Kustomize); yamllint is used when present.
# Prints "N passed, N failed" last, exits non-zero on a failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
check() {
    local name="$1"; shift
    if "$@" > "$work/out.txt" 2>&1; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     /' "$work/out.txt"
    fi
}

if ! command -v kubectl > /dev/null 2>&1; then
    echo "FAIL kubectl is not installed"
    echo "kubernetes: 0 passed, 1 failed"
    exit 1
fi

# The overlay reads a git-ignored secret.env: build a copy with the example's values, never touching the checkout.
cp -r "$here" "$work/kubernetes"
cp "$work/kubernetes/overlays/example/secret.env.example" "$work/kubernetes/overlays/example/secret.env"

kinds_of() { grep -E '^kind: ' "$1" | sed 's/^kind: //' | sort | tr '\n' ' '; }

base_builds() {
    kubectl kustomize "$work/kubernetes/base" > "$work/base.yaml" || return 1
    local kinds
    kinds="$(kinds_of "$work/base.yaml")"
    echo "kinds: $kinds"
    [ "$kinds" = "ConfigMap Deployment HorizontalPodAutoscaler NetworkPolicy PodDisruptionBudget Secret Service ServiceAccount " ]
}

overlay_builds() {
    kubectl kustomize "$work/kubernetes/overlays/example" > "$work/overlay.yaml" || return 1
    echo "kinds: $(kinds_of "$work/overlay.yaml")"
    grep -q '^  namespace: stackpilot$' "$work/overlay.yaml" \
        && grep -q 'image: registry.example.com/stackpilot:0.1.0$' "$work/overlay.yaml" \
        && grep -q '^kind: Namespace$' "$work/overlay.yaml" \
        && ! grep -q 'CHANGE-ME' "$work/overlay.yaml" \
        && grep -q "STACKPILOT_DB_PASSWORD: $(printf 'change-me' | base64)$" "$work/overlay.yaml"
}

# Keys of the ConfigMap's data and the Secret's stringData, and the container's env names, are pinned names.
env_names_are_pinned() {
    local pinned=" STACKPILOT_PORT STACKPILOT_BIND_ADDRESS STACKPILOT_DB_URL STACKPILOT_DB_USER STACKPILOT_DB_PASSWORD
        STACKPILOT_DB_PASSWORD_FILE STACKPILOT_DB_POOL_SIZE STACKPILOT_DATA_DIR STACKPILOT_ALLOWED_PROJECTS
        STACKPILOT_ALLOWED_DOMAINS STACKPILOT_ALLOW_ALL_PROJECTS STACKPILOT_TOKEN_CACHE_TTL STACKPILOT_STATS_INTERVAL
        STACKPILOT_STATS_RETENTION STACKPILOT_LOG_FORMAT STACKPILOT_LOG_LEVEL STACKPILOT_LOG_LEVELS
        STACKPILOT_SHUTDOWN_TIMEOUT STACKPILOT_REPLICA_ID
        STACKPILOT_AUDIT_QUEUE_CAPACITY STACKPILOT_OPENSTACK_CONNECT_TIMEOUT STACKPILOT_OPENSTACK_READ_TIMEOUT
        STACKPILOT_LOGIN_RATE_LIMIT
        OS_CLOUD OS_CLIENT_CONFIG_FILE OS_AUTH_URL OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_PROJECT_ID
        OS_USER_DOMAIN_NAME OS_USER_DOMAIN_ID OS_PROJECT_DOMAIN_NAME OS_PROJECT_DOMAIN_ID OS_REGION_NAME OS_INTERFACE
        OS_AUTH_TYPE OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_SECRET "
    pinned="$(echo "$pinned" | tr -s ' \n' '  ')"
    local name unknown=0 count=0
    # Keys of the top-level data/stringData maps (two-space indent, until the next top-level key).
    for name in $( { awk '/^(data|stringData):/ { inside = 1; next } /^[^ #]/ { inside = 0 }
                          inside && /^  [^ #]/ { sub(/^  /, ""); sub(/:.*/, ""); print }' \
                         "$here/base/configmap.yaml" "$here/base/secret.yaml" \
                         "$here/overlays/example/configmap-patch.yaml"
                     sed -n 's/^\([A-Za-z][A-Za-z0-9_]*\)=.*/\1/p' "$here/overlays/example/secret.env.example"
                     sed -n 's/^ *- name: \([A-Z][A-Z0-9_]*\)$/\1/p' "$here/base/deployment.yaml"; } | sort -u); do
        count=$((count + 1))
        case "$pinned" in
            *" $name "*) ;;
            *) echo "not a pinned name: $name"; unknown=1 ;;
        esac
    done
    echo "$count names"
    [ "$unknown" -eq 0 ] && [ "$count" -ge 20 ]
}

# The overlay's NetworkPolicy lets only selected namespaces in: every ingress rule names its sources, and the
# monitoring namespace is one of them (port 8080 carries the API and /metrics alike).
overlay_ingress_is_selected() {
    local policy rules
    policy="$(awk '/^---$/ { if (doc ~ /kind: NetworkPolicy/) print doc; doc = ""; next } { doc = doc $0 "\n" }
                   END { if (doc ~ /kind: NetworkPolicy/) print doc }' "$work/overlay.yaml")"
    rules="$(printf '%b' "$policy" | awk '/^  ingress:/ { inside = 1; next } /^  [a-zA-Z]/ { inside = 0 }
                                          inside && /^  - / { print }')"
    echo "ingress rules: $(echo "$rules" | grep -c .)"
    [ -n "$rules" ] && ! echo "$rules" | grep -qv '^  - from:$' \
        && printf '%b' "$policy" | grep -q 'kubernetes.io/metadata.name: monitoring$'
}

probes_use_the_server_paths() {
    local deployment="$here/base/deployment.yaml"
    grep -A2 'startupProbe:' "$deployment" | grep -q 'path: /healthz$' \
        && grep -A2 'readinessProbe:' "$deployment" | grep -q 'path: /readyz$' \
        && grep -A2 'livenessProbe:' "$deployment" | grep -q 'path: /healthz$'
}

# terminationGracePeriodSeconds >= preStop sleep + STACKPILOT_SHUTDOWN_TIMEOUT + 10 s.
grace_period_covers_shutdown() {
    local grace sleep_seconds shutdown
    grace="$(sed -n 's/^ *terminationGracePeriodSeconds: \([0-9]*\)$/\1/p' "$here/base/deployment.yaml")"
    sleep_seconds="$(sed -n 's/^ *command: \["sleep", "\([0-9]*\)"\]$/\1/p' "$here/base/deployment.yaml")"
    shutdown="$(sed -n 's/^ *STACKPILOT_SHUTDOWN_TIMEOUT: "PT\([0-9]*\)S"$/\1/p' "$here/base/configmap.yaml")"
    echo "grace ${grace:-?} s, preStop ${sleep_seconds:-?} s, shutdown ${shutdown:-?} s"
    [ -n "$grace" ] && [ -n "$sleep_seconds" ] && [ -n "$shutdown" ] \
        && [ "$grace" -ge $((sleep_seconds + shutdown + 10)) ]
}

secret_holds_placeholders_only() {
    local values
    values="$(sed -n 's/^  [A-Z_]*: "\(.*\)"$/\1/p' "$here/base/secret.yaml" | sort -u)"
    echo "values: $values"
    [ "$values" = "CHANGE-ME" ]
}

lint() {
    yamllint -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable}}' "$here"
}

check "the base builds with kubectl kustomize and has the eight objects" base_builds
check "the example overlay builds: namespace, image, patched settings, Secret from secret.env" overlay_builds
check "every environment variable the manifests set is a pinned name" env_names_are_pinned
check "the example overlay admits only the ingress controller's and the monitoring namespace" overlay_ingress_is_selected
check "startup and liveness probes use /healthz, readiness /readyz" probes_use_the_server_paths
check "terminationGracePeriodSeconds covers preStop + shutdown timeout + 10 s" grace_period_covers_shutdown
check "the base Secret holds CHANGE-ME placeholders only" secret_holds_placeholders_only
if command -v yamllint > /dev/null 2>&1; then
    check "yamllint finds nothing" lint
else
    echo "skip yamllint (not installed)"
fi

echo "kubernetes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
