package io.stackpilot.core.identity;

/** What Keystone accepts to issue a project-scoped token. */
public sealed interface Credentials permits PasswordCredentials, ApplicationCredentials {
}
