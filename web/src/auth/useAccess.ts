import { writerRefusal } from '@tapak/core/access/accessRefusal';
import type { Actor } from '@tapak/core/access/actor';
import { adminRefusal, cityWideWriteRefusal, kelurahanWriteRefusal } from '@tapak/core/access/territory';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { refusalText } from './actor.ts';
import { useSession } from './session.tsx';

/** The core's access rules for the logged-in user, as sentences to show (null = allowed). */
export type Access = {
  actor: Actor;
  /** May write anything at all (draw a new parcel somewhere). */
  write: string | null;
  /** May write a parcel in this kelurahan; without a kelurahan yet, whether the user may write at all. */
  kelurahan: (kode: string | null | undefined) => string | null;
  /** Constraint layers, restoring deleted parcels. */
  cityWide: string | null;
  /** Accounts, criteria. */
  admin: string | null;
};

export function useAccess(): Access {
  const { actor } = useSession();
  const { locale } = useI18n();
  return useMemo(
    () => ({
      actor,
      write: refusalText(writerRefusal(actor), locale),
      kelurahan: (kode) => refusalText(kode ? kelurahanWriteRefusal(actor, kode) : writerRefusal(actor), locale),
      cityWide: refusalText(cityWideWriteRefusal(actor), locale),
      admin: refusalText(adminRefusal(actor), locale),
    }),
    [actor, locale],
  );
}
