export * from './keycloak-admin';
export * from './provisioning';
export * from './role-grant-copy';
export * from './password-grant';
