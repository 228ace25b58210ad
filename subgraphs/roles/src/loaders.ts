import type { Db } from '@hub/db';
import { createAccessPackageLoaders } from './access-package/access-package.loader';
import { createConsentTemplateLoaders } from './consent-template/consent-template.loader';
import { createResourceLoaders } from './resource/resource.loader';
import { createRoleAssignmentLoaders } from './role-assignment/role-assignment.loader';
import { createRoleLoaders } from './role/role.loader';

export function createLoaders(db: Db) {
  return {
    roles: createRoleLoaders(db),
    roleAssignments: createRoleAssignmentLoaders(db),
    accessPackages: createAccessPackageLoaders(db),
    resources: createResourceLoaders(db),
    consentTemplates: createConsentTemplateLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
