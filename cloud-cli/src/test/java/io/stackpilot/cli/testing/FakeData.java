package io.stackpilot.cli.testing;

/** Canned JSON shaped exactly like the pinned HTTP contract, with names and ids like the lab's. */
public final class FakeData {
    public static final String CIRROS_ID = "6f3c1d4e-2a1b-4c5d-9e8f-0a1b2c3d4e5f";
    public static final String DUP_IMAGE_A = "aaaaaaaa-0000-4000-8000-00000000000a";
    public static final String DUP_IMAGE_B = "bbbbbbbb-0000-4000-8000-00000000000b";
    public static final String PRIVATE_NET_ID = "5d0f6a1e-8c9b-4a7d-b3e2-1f0a9c8d7e6b";
    public static final String PUBLIC_NET_ID = "0e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6";
    public static final String WEB_1_ID = "11111111-1111-4111-8111-000000000001";
    public static final String WEB_2_ID = "22222222-2222-4222-8222-000000000002";
    public static final String TWIN_A_ID = "33333333-3333-4333-8333-00000000000a";
    public static final String TWIN_B_ID = "33333333-3333-4333-8333-00000000000b";

    private FakeData() {
    }

    /** Format arguments: token, expires_at, user name, user domain, project name, project id, project domain. */
    public static final String TOKEN_RESPONSE = """
            {"token":"%s","expires_at":"%s",
             "user":{"id":"u-123","name":"%s","domain":{"id":"default","name":"%s"}},
             "project":{"name":"%s","id":"%s","domain":{"id":"default","name":"%s"}},
             "roles":["member","reader"]}""";

    public static final String FLAVORS = """
            {"flavors":[
              {"id":"1","name":"m1.tiny","vcpus":1,"ram_mb":512,"disk_gb":1,"ephemeral_gb":0,"is_public":true},
              {"id":"2","name":"m1.small","vcpus":1,"ram_mb":2048,"disk_gb":20,"ephemeral_gb":0,"is_public":true},
              {"id":"3","name":"m1.medium","vcpus":2,"ram_mb":4096,"disk_gb":40,"ephemeral_gb":0,"is_public":true},
              {"id":"4","name":"m1.large","vcpus":4,"ram_mb":8192,"disk_gb":80,"ephemeral_gb":0,"is_public":true}
            ]}""";

    public static final String IMAGES = """
            {"images":[
              {"id":"%s","name":"cirros-0.6-lab","status":"active","visibility":"public","disk_format":"qcow2",
               "min_disk_gb":0,"min_ram_mb":0,"size_bytes":21430272},
              {"id":"%s","name":"dup","status":"active","visibility":"private","disk_format":"raw",
               "min_disk_gb":1,"min_ram_mb":64,"size_bytes":1024},
              {"id":"%s","name":"dup","status":"active","visibility":"shared","disk_format":"raw",
               "min_disk_gb":1,"min_ram_mb":64,"size_bytes":2048}
            ]}""".formatted(CIRROS_ID, DUP_IMAGE_A, DUP_IMAGE_B);

    public static final String NETWORKS = """
            {"networks":[
              {"id":"%s","name":"public","status":"ACTIVE","shared":true,"external":true,
               "subnets":[{"id":"s-pub","cidr":"203.0.113.0/24","ip_version":4}]},
              {"id":"%s","name":"private","status":"ACTIVE","shared":false,"external":false,
               "subnets":[{"id":"s-v4","cidr":"10.0.0.0/24","ip_version":4},
                          {"id":"s-v6","cidr":"fd00:10::/64","ip_version":6}]}
            ]}""".formatted(PUBLIC_NET_ID, PRIVATE_NET_ID);

    public static final String WEB_1 = """
            {"id":"%s","name":"web-1","status":"ACTIVE",
             "addresses":[{"network":"private","ip":"10.0.0.12","version":4,"type":"fixed","mac":"fa:16:3e:00:00:01"},
                          {"network":"private","ip":"fd00:10::c","version":6,"type":"fixed","mac":"fa:16:3e:00:00:01"},
                          {"network":"public","ip":"203.0.113.7","version":4,"type":"floating","mac":"fa:16:3e:00:00:01"}],
             "flavor":{"id":"1","name":"m1.tiny"},"image":{"id":"%s","name":"cirros-0.6-lab"},
             "project_id":"%s","created_at":"2026-11-22T05:10:00Z","preemptible":false}"""
            .formatted(WEB_1_ID, CIRROS_ID, FakeStackpilotApi.PROJECT_ID);

    public static final String WEB_2 = server(WEB_2_ID, "web-2", "BUILD");
    public static final String TWIN_A = server(TWIN_A_ID, "twin", "ACTIVE");
    public static final String TWIN_B = server(TWIN_B_ID, "twin", "SHUTOFF");

    public static String server(String id, String name, String status) {
        return """
                {"id":"%s","name":"%s","status":"%s","addresses":[],
                 "flavor":{"id":"2","name":"m1.small"},"image":null,
                 "project_id":"%s","created_at":"2026-11-22T05:30:00Z","preemptible":true}"""
                .formatted(id, name, status, FakeStackpilotApi.PROJECT_ID);
    }

    /** {@code GET /api/v1/limits} as the server answers it (RAM unlimited). */
    public static final String LIMITS = """
            {"project_id":"p-demo","instances":{"limit":10,"used":2},"cores":{"limit":20,"used":2},
             "ram_mb":{"limit":-1,"used":1024},"floating_ips":{"limit":50,"used":1},
             "security_groups":{"limit":10,"used":1}}
            """;

    /** {@code GET /api/v1/preemptions}: one eviction. */
    public static final String PREEMPTIONS = """
            {"preemptions":[{"server_id":"srv-spot","name":"spot-1","flavor":"m1.tiny","preempted_by":"srv-std",
             "by_project_id":"p-demo","reason":"quota","preempted_at":"2026-12-01T10:00:00Z",
             "operation_id":"6f1c2d1e-1111-4a4a-9c9c-000000000001"}]}
            """;

    public static final String AUDIT = """
            {"entries":[
              {"id":"101","at":"2026-11-22T05:59:00Z","request_id":"req-a","method":"GET","route":"/api/v1/servers",
               "path":"/api/v1/servers","query":"limit=10","status":200,"duration_ms":42,"user_id":"u-123",
               "user_name":"demo","project_id":"p-1","project_name":"demo","client_address":"127.0.0.1",
               "user_agent":"stackpilot-cli/dev","replica_id":"host-1","upstream_request_ids":["req-nova-1"]},
              {"id":"100","at":"2026-11-22T05:58:00Z","request_id":"req-b","method":"POST","route":"/api/v1/auth/tokens",
               "path":"/api/v1/auth/tokens","query":null,"status":401,"duration_ms":7,"user_id":null,
               "user_name":null,"project_id":null,"project_name":null,"client_address":"127.0.0.1",
               "user_agent":"curl/8","replica_id":"host-1","upstream_request_ids":[]}
            ],"next_marker":"100"}""";
}
