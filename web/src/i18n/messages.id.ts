import type { CoverageState } from '../domain/coverage.ts';

// Bahasa Indonesia is the primary language: every other message file must match this shape.
export const id = {
  appName: 'Tapak',
  appTagline: 'Pemilihan lahan Koperasi Kelurahan Merah Putih',
  loadingApp: 'Memuat Tapak…',

  header: {
    progress: (qualifying: string, total: string) => `${qualifying}/${total} kelurahan memiliki lokasi memenuhi syarat`,
    progressShort: (qualifying: string, total: string) => `${qualifying}/${total} memenuhi syarat`,
    language: 'Bahasa',
    languageName: { id: 'Bahasa Indonesia', en: 'English' },
  },

  banner: {
    apiUnreachableTitle: 'Server Tapak tidak dapat dihubungi.',
    apiUnreachableBody: 'Pastikan server berjalan (npm start), lalu coba lagi.',
    apiErrorTitle: 'Data kelurahan gagal dimuat.',
    retry: 'Coba lagi',
    boundariesMissingTitle: 'Batas wilayah kelurahan belum diimpor.',
    boundariesMissingBody: 'Peta belum dapat menampilkan kelurahan. Jalankan perintah ini di folder proyek:',
    boundariesCommand: 'npm run import:boundaries -- <berkas atau URL>',
    boundariesFetchingTitle: 'Batas wilayah sedang diunduh oleh server…',
    boundariesFetchingBody: 'Peta akan diperbarui otomatis setelah selesai.',
    partialBoundaries: (withBoundary: string, total: string) =>
      `Hanya ${withBoundary} dari ${total} kelurahan yang memiliki batas wilayah; sisanya tidak tampil di peta.`,
    dismiss: 'Tutup pemberitahuan',
  },

  coverage: {
    none: 'Belum ada kandidat',
    candidates: 'Ada kandidat, belum memenuhi syarat',
    qualifying: 'Ada lokasi memenuhi syarat',
    shortlisted: 'Masuk daftar pendek',
  } satisfies Record<CoverageState, string>,
  coverageShort: {
    none: 'Belum ada',
    candidates: 'Kandidat',
    qualifying: 'Memenuhi',
    shortlisted: 'Daftar pendek',
  } satisfies Record<CoverageState, string>,

  panel: {
    title: 'Kelurahan',
    searchLabel: 'Cari kelurahan',
    searchPlaceholder: 'Nama atau kode, mis. Jatiasih / 32.75.09',
    clearSearch: 'Hapus pencarian',
    sortLabel: 'Urutkan',
    sort: { nama: 'Nama (A–Z)', kode: 'Kode wilayah', luas: 'Luas terbesar', status: 'Status cakupan' },
    filterUnqualified: 'Belum ada lokasi memenuhi syarat',
    filterHint: 'Tampilkan hanya kelurahan yang belum memiliki lokasi memenuhi syarat',
    count: (shown: string, total: string) => `${shown} dari ${total} kelurahan`,
    countAll: (total: string, kecamatan: string) => `${total} kelurahan · ${kecamatan} kecamatan`,
    kecamatan: 'Kecamatan',
    loading: 'Memuat data kelurahan…',
    loadFailed: 'Daftar kelurahan tidak dapat dimuat.',
    emptySearch: (query: string) => `Tidak ada kelurahan yang cocok dengan “${query}”.`,
    emptyFilter: 'Semua kelurahan sudah memiliki lokasi memenuhi syarat.',
    emptyData: 'Belum ada data kelurahan dari server.',
    resetFilters: 'Atur ulang pencarian dan saringan',
    noBoundary: 'tanpa batas',
    noBoundaryHint: 'Batas wilayah belum tersedia; tidak tampil di peta',
    sheetExpand: 'Buka daftar kelurahan',
    sheetCollapse: 'Perkecil daftar kelurahan',
    sheetSummary: (total: string, qualifying: string) => `${total} kelurahan · ${qualifying} memenuhi syarat`,
    listLabel: 'Daftar kelurahan per kecamatan',
  },

  detail: {
    close: 'Tutup detail kelurahan',
    zoomTo: 'Perbesar ke kelurahan',
    code: 'Kode wilayah',
    kind: { kelurahan: 'Kelurahan', desa: 'Desa' },
    kecamatan: 'Kecamatan',
    area: 'Luas wilayah',
    candidates: 'Lokasi kandidat',
    qualifying: 'Memenuhi syarat',
    shortlisted: 'Daftar pendek',
    bestArea: 'Lokasi memenuhi syarat terluas',
    unknown: '–',
    parcelsComing: 'Penggambaran dan daftar bidang lahan akan tersedia di panel ini.',
  },

  map: {
    label: 'Peta kelurahan',
    loading: 'Memuat peta…',
    empty: 'Belum ada batas wilayah kelurahan untuk ditampilkan.',
    webglError: 'Peta tidak dapat ditampilkan: peramban ini tidak mendukung WebGL.',
    legend: 'Legenda',
    legendKecamatan: 'Batas kecamatan',
    legendKelurahan: 'Batas kelurahan',
    legendSelected: 'Kelurahan terpilih',
    legendDimmed: 'Di luar saringan',
    basemap: 'Peta dasar',
    basemapOptions: { none: 'Tanpa peta dasar', osm: 'OpenStreetMap', esri: 'Citra satelit Esri' },
    basemapNeedsInternet: 'Memerlukan internet',
    basemapFailed: 'Peta dasar gagal dimuat (tidak ada internet?). Pilih “Tanpa peta dasar”.',
    cursor: 'Koordinat kursor',
    longitude: 'Bujur',
    latitude: 'Lintang',
    zoomIn: 'Perbesar',
    zoomOut: 'Perkecil',
    resetView: 'Tampilkan seluruh kota',
  },
};

export type Messages = typeof id;
