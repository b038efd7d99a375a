import type { UserRole } from '@tapak/core/contracts/auth';
import { useEffect, useState } from 'react';

type RoleLabels = Record<UserRole, { id: string; en: string }>;

let loaded: RoleLabels | null = null;

/**
 * The core's role labels. The contract module that holds them brings zod, which stays out of the first paint
 * (as with the layer kind labels): the header shows the name at once and the role a moment later.
 */
export function useRoleLabels(): RoleLabels | null {
  const [labels, setLabels] = useState<RoleLabels | null>(loaded);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void import('@tapak/core/contracts/auth').then((module) => {
      loaded = module.userRoleLabels;
      if (live) setLabels(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return labels;
}
