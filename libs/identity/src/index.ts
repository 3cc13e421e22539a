export * from './keycloak-admin';
export * from './provisioning';
