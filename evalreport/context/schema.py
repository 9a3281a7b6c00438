"""What a Word template can print: every variable with its kind and an Indonesian description.

:data:`SCHEMA` (a region's documents) and :data:`SUMMARY_SCHEMA` (the regional summary) are the
single source for ``evalreport templates check`` (unknown variables, "did you mean") and for the
field reference (``evalreport templates fields``, docs/template-context.md).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Var:
    """One template variable. ``kind``: teks, angka, tanggal, gambar, ya/tidak, bagian, daftar."""

    name: str
    kind: str
    doc: str
    fields: tuple["Var", ...] = ()

    def child(self, name: str) -> "Var | None":
        return next((f for f in self.fields if f.name == name), None)


def _v(name: str, kind: str, doc: str, *fields: Var) -> Var:
    return Var(name, kind, doc, tuple(fields))


_INDIKATOR_FIELDS = (
    _v("no", "angka", "Nomor urut dalam tabel"),
    _v("kode", "teks", "Kode indikator"),
    _v("nama", "teks", "Nama indikator"),
    _v("dimensi", "teks", "Nama dimensi"),
    _v("kode_dimensi", "teks", "Kode dimensi"),
    _v("satuan", "teks", "Satuan, mis. % atau kasus/10.000 penduduk"),
    _v("polaritas", "teks", "Arah kinerja: lebih tinggi lebih baik, lebih rendah lebih baik, rentang, tepat"),
    _v("target", "teks", "Target dengan pembanding, mis. ≥ 70,00"),
    _v("realisasi", "teks", "Realisasi periode berjalan, format Indonesia"),
    _v("capaian", "teks", "Capaian kinerja, mis. 91,71%"),
    _v("predikat", "teks", "Predikat capaian, mis. Sangat Tinggi"),
    _v("warna", "teks", "Warna predikat (RRGGBB) untuk {% cellbg i.warna %}"),
    _v("tercapai", "teks", "Tercapai / Tidak tercapai / –"),
    _v("tercapai_ya", "ya/tidak", "Benar bila target tercapai (untuk {% if %})"),
    _v("baseline", "teks", "Nilai kondisi awal (baseline)"),
    _v("baseline_teks", "teks", "Kondisi awal dengan tahunnya, mis. 58,50 (2021)"),
    _v("tahun_baseline", "teks", "Tahun kondisi awal"),
    _v("selisih_baseline", "teks", "Perubahan terhadap kondisi awal, mis. +4,20"),
    _v("periode_lalu", "teks", "Periode sebelumnya"),
    _v("realisasi_lalu", "teks", "Realisasi periode sebelumnya"),
    _v("selisih_lalu", "teks", "Perubahan terhadap periode sebelumnya"),
    _v("ada_pembanding", "ya/tidak", "Benar bila ada realisasi periode sebelumnya"),
    _v("tren", "teks", "membaik / memburuk / tetap / –"),
    _v("peringkat", "teks", "Peringkat wilayah untuk indikator ini di antara wilayah pembanding "
       "(lihat wilayah_pembanding), mis. 2 dari 8"),
    _v("sumber", "teks", "Sumber data"),
    _v("metode", "teks", "Metode pengumpulan data"),
    _v("status_data", "teks", "tetap / sementara / perkiraan"),
    _v("catatan", "teks", "Catatan kualitas data (data sementara, target belum ditetapkan, ...)"),
    _v("ada_catatan", "ya/tidak", "Benar bila ada catatan kualitas data"),
    _v("realisasi_angka", "angka", "Realisasi sebagai angka, untuk filter sendiri"),
    _v("capaian_angka", "angka", "Capaian sebagai angka, untuk filter sendiri"),
    _v("riwayat", "daftar", "Nilai per periode, terlama dahulu",
       _v("periode", "teks", "Periode"),
       _v("target", "teks", "Target pada periode itu"),
       _v("realisasi", "teks", "Realisasi"),
       _v("capaian", "teks", "Capaian"),
       _v("predikat", "teks", "Predikat")),
)

_REKOMENDASI_FIELDS = (
    _v("no", "angka", "Nomor urut"),
    _v("kode", "teks", "Kode rekomendasi"),
    _v("teks", "teks", "Isi rekomendasi"),
    _v("prioritas", "teks", "Prioritas: Tinggi / Sedang / Rendah"),
    _v("ditujukan_kepada", "teks", "Instansi yang dituju"),
    _v("temuan", "teks", "Kode temuan yang dijawab dan berlaku untuk wilayah ini, mis. T01, T03"),
    _v("temuan_judul", "teks", "Judul temuan tersebut"),
    _v("ada_temuan", "ya/tidak", "Benar bila rekomendasi menjawab temuan"),
)

SCHEMA: tuple[Var, ...] = (
    _v("program", "bagian", "Program yang dievaluasi",
       _v("nama", "teks", "Nama program"),
       _v("instansi", "teks", "Instansi pelaksana evaluasi"),
       _v("wilayah", "teks", "Wilayah pemerintah daerah pelaksana"),
       _v("periode", "teks", "Periode berjalan (yang dilaporkan)"),
       _v("periode_semua", "daftar", "Semua periode, terlama dahulu"),
       _v("periode_awal", "teks", "Periode pertama"),
       _v("jumlah_wilayah", "angka", "Jumlah wilayah dalam seluruh data (wilayah yang dibandingkan "
          "dalam dokumen wilayah: wilayah_pembanding.jumlah)"),
       _v("metode", "daftar", "Metode evaluasi"),
       _v("evaluator", "daftar", "Tim evaluator"),
       _v("latar_belakang", "daftar", "Latar belakang, satu paragraf per butir"),
       _v("tujuan", "daftar", "Tujuan evaluasi"),
       _v("dasar_hukum", "daftar", "Dasar hukum"),
       _v("ruang_lingkup", "teks", "Ruang lingkup"),
       _v("kesimpulan", "daftar", "Kesimpulan yang ditulis tim evaluator")),
    _v("dokumen", "bagian", "Keterangan surat/dokumen",
       _v("nomor", "teks", "Nomor dokumen (kosong bila tidak diisi)"),
       _v("tempat", "teks", "Tempat penandatanganan"),
       _v("tanggal", "tanggal", "Tanggal dokumen; cetak dengan |tanggal atau |tanggal_hari"),
       _v("tanggal_teks", "teks", "Tanggal dokumen, mis. 15 Januari 2025"),
       _v("tahun", "teks", "Tahun dokumen"),
       _v("sifat", "teks", "Sifat surat"),
       _v("lampiran", "teks", "Lampiran"),
       _v("hal", "teks", "Hal/perihal"),
       _v("kepada", "teks", "Yth. penerima")),
    _v("kop", "bagian", "Kop surat",
       _v("pemerintah", "teks", "Baris pemerintah, mis. PEMERINTAH PROVINSI JAWA TIMUR"),
       _v("instansi", "teks", "Nama instansi pada kop"),
       _v("alamat", "teks", "Alamat"),
       _v("kontak", "teks", "Telepon, laman, surel"),
       _v("logo", "gambar", "Logo (kosong bila tidak ada)")),
    _v("penandatangan", "bagian", "Pejabat penandatangan",
       _v("nama", "teks", "Nama lengkap dengan gelar"),
       _v("jabatan", "teks", "Jabatan, dengan Plt./Plh./Pj. bila pejabat sementara"),
       _v("pangkat", "teks", "Pangkat/golongan"),
       _v("nip", "teks", "NIP"),
       _v("status", "teks", "Plt., Plh., Pj. atau kosong")),
    _v("wilayah", "bagian", "Wilayah yang dilaporkan dalam dokumen ini",
       _v("kode", "teks", "Kode wilayah"),
       _v("nama", "teks", "Nama wilayah, mis. Kab. Malang"),
       _v("tingkat", "teks", "Provinsi / Kabupaten / Kota"),
       _v("induk", "teks", "Wilayah induk"),
       _v("penduduk", "teks", "Jumlah penduduk")),
    _v("wilayah_pembanding", "bagian", "Wilayah pembanding: wilayah dalam data dengan induk yang sama "
       "(mis. kabupaten/kota satu provinsi), seperti pada grafik perbandingan; dasar peringkat",
       _v("nama", "teks", "Nama kelompok: wilayah induk, atau wilayah program bila tanpa induk, "
          "mis. Provinsi Jawa Timur"),
       _v("jumlah", "angka", "Jumlah wilayah pembanding, termasuk wilayah ini (1 = tanpa "
          "perbandingan antarwilayah)"),
       _v("jumlah_lain", "angka", "Jumlah wilayah pembanding selain wilayah ini"),
       _v("sebutan", "teks", "Sebutan wilayah pembanding, mis. kabupaten/kota, kota, wilayah")),
    _v("ringkasan", "bagian", "Angka ringkasan untuk ringkasan eksekutif",
       _v("jumlah_indikator", "angka", "Jumlah indikator"),
       _v("jumlah_tercapai", "angka", "Jumlah indikator yang targetnya tercapai"),
       _v("jumlah_tidak_tercapai", "angka", "Jumlah yang tidak tercapai"),
       _v("jumlah_tanpa_data", "angka", "Jumlah tanpa realisasi atau tanpa target"),
       _v("persen_tercapai", "teks", "Persentase indikator tercapai"),
       _v("rata_capaian", "teks", "Rata-rata capaian semua indikator"),
       _v("predikat", "teks", "Predikat rata-rata capaian"),
       _v("kalimat", "daftar", "Kalimat ringkasan yang disusun otomatis")),
    _v("dimensi", "daftar", "Dimensi dengan indikatornya",
       _v("no", "angka", "Nomor urut"),
       _v("kode", "teks", "Kode dimensi"),
       _v("nama", "teks", "Nama dimensi"),
       _v("uraian", "teks", "Uraian dimensi"),
       _v("jumlah_indikator", "angka", "Jumlah indikator"),
       _v("jumlah_tercapai", "angka", "Jumlah indikator tercapai"),
       _v("jumlah_tidak_tercapai", "angka", "Jumlah indikator yang tidak tercapai (tanpa indikator "
          "yang belum dapat dinilai)"),
       _v("rata_capaian", "teks", "Rata-rata capaian"),
       _v("predikat", "teks", "Predikat rata-rata capaian"),
       _v("warna", "teks", "Warna predikat (RRGGBB)"),
       _v("indikator", "daftar", "Indikator dalam dimensi ini", *_INDIKATOR_FIELDS)),
    _v("indikator", "daftar", "Semua indikator yang dilaporkan", *_INDIKATOR_FIELDS),
    _v("temuan", "daftar", "Temuan yang berlaku untuk wilayah ini: temuan umum dan temuan "
       "khusus wilayah ini (kondisi, kriteria, sebab, akibat)",
       _v("no", "angka", "Nomor urut"),
       _v("kode", "teks", "Kode temuan, seperti dirujuk rekomendasi (mis. T06)"),
       _v("judul", "teks", "Judul temuan"),
       _v("dimensi", "teks", "Dimensi"),
       _v("kondisi", "teks", "Kondisi"),
       _v("kriteria", "teks", "Kriteria"),
       _v("sebab", "teks", "Sebab"),
       _v("akibat", "teks", "Akibat"),
       _v("kriteria_dac", "teks", "Kriteria OECD-DAC (Relevansi, Efektivitas, ...)"),
       _v("indikator", "teks", "Indikator terkait"),
       _v("bukti", "teks", "Bukti")),
    _v("rekomendasi", "daftar", "Rekomendasi yang berlaku untuk wilayah ini (umum dan khusus "
       "wilayah ini)", *_REKOMENDASI_FIELDS),
    _v("rekomendasi_per_prioritas", "daftar", "Rekomendasi dikelompokkan menurut prioritas",
       _v("prioritas", "teks", "Tinggi / Sedang / Rendah"),
       _v("daftar", "daftar", "Rekomendasi dengan prioritas ini", *_REKOMENDASI_FIELDS)),
    _v("tindak_lanjut", "daftar", "Baris matriks rencana tindak lanjut yang berlaku untuk wilayah ini",
       _v("no", "angka", "Nomor urut"),
       _v("kode", "teks", "Kode tindak lanjut"),
       _v("temuan", "teks", "Kode dan judul temuan yang ditindaklanjuti, mis. T06: Judul"),
       _v("rekomendasi", "teks", "Rekomendasi"),
       _v("kegiatan", "teks", "Kegiatan tindak lanjut"),
       _v("penanggung_jawab", "teks", "Penanggung jawab"),
       _v("mitra", "teks", "Mitra"),
       _v("batas_waktu", "teks", "Batas waktu, mis. 30 Juni 2025"),
       _v("indikator_keberhasilan", "teks", "Indikator keberhasilan"),
       _v("anggaran", "teks", "Anggaran, mis. Rp150.000.000"),
       _v("anggaran_terbilang", "teks", "Anggaran dalam huruf"),
       _v("status", "teks", "Status tindak lanjut (kelas BPK)"),
       _v("warna_status", "teks", "Warna status (RRGGBB)"),
       _v("progres", "teks", "Progres, mis. 60%"),
       _v("bukti", "teks", "Bukti / catatan")),
    _v("rtl", "bagian", "Ringkasan rencana tindak lanjut",
       _v("jumlah", "angka", "Jumlah tindak lanjut"),
       _v("total_anggaran", "teks", "Total anggaran"),
       _v("total_anggaran_terbilang", "teks", "Total anggaran dalam huruf"),
       _v("per_status", "daftar", "Jumlah per status",
          _v("status", "teks", "Status"), _v("jumlah", "angka", "Jumlah"),
          _v("warna", "teks", "Warna status (RRGGBB)"))),
    _v("predikat", "daftar", "Skema predikat yang dipakai",
       _v("nama", "teks", "Nama predikat"),
       _v("aturan", "teks", "Batas, mis. > 90"),
       _v("warna", "teks", "Warna (RRGGBB)")),
    _v("skema_predikat", "teks", "Nama skema predikat, mis. Permendagri 86/2017 (5 predikat)"),
    _v("grafik", "bagian", "Grafik (gambar)",
       _v("capaian", "gambar", "Capaian per indikator, warna menurut predikat"),
       _v("target_realisasi", "gambar", "Target dan realisasi per indikator"),
       _v("tren", "gambar", "Tren realisasi antarperiode dengan garis target"),
       _v("perbandingan", "daftar", "Perbandingan capaian antarwilayah per indikator "
          "(berperingkat), per dimensi: dua atau empat indikator per gambar",
          _v("dimensi", "teks", "Nama dimensi, mis. Konflik Sosial (1 dari 2) bila dibagi"),
          _v("gambar", "gambar", "Gambar perbandingan; wilayah laporan ini ditandai"),
          _v("sumber", "teks", "Baris sumber di bawah gambar, dari sumber data indikatornya")),
       _v("sumber", "bagian", "Baris sumber di bawah tiap grafik, mis. Sumber: Survei …; "
          "Rekap pengaduan … (diolah); kosong bila indikator tanpa sumber",
          _v("capaian", "teks", "Sumber grafik capaian"),
          _v("target_realisasi", "teks", "Sumber grafik target dan realisasi"),
          _v("tren", "teks", "Sumber grafik tren"))),
    _v("asal_data", "bagian", "Asal data, untuk akuntabilitas",
       _v("berkas", "teks", "Nama berkas data"),
       _v("sha256", "teks", "Sidik SHA-256 berkas data"),
       _v("versi", "teks", "Versi evalreport"),
       _v("skema_predikat", "teks", "Skema predikat")),
)


# The parts of the context the regional summary shares with a region's documents.
SHARED_PARTS = ("program", "dokumen", "kop", "penandatangan", "predikat", "skema_predikat", "asal_data")

SUMMARY_SCHEMA: tuple[Var, ...] = tuple(v for v in SCHEMA if v.name in SHARED_PARTS) + (
    _v("jumlah_wilayah", "angka", "Jumlah wilayah yang dibandingkan"),
    _v("dimensi_kolom", "daftar", "Dimensi, untuk judul kolom tabel warna",
       _v("kode", "teks", "Kode dimensi"), _v("nama", "teks", "Nama dimensi")),
    _v("wilayah_peringkat", "daftar", "Wilayah berperingkat menurut rata-rata capaian",
       _v("peringkat", "angka", "Peringkat di antara semua wilayah (sama untuk rata-rata yang sama: "
          "1, 2, 2, 4; – bila tanpa capaian)"),
       _v("kode", "teks", "Kode wilayah"),
       _v("nama", "teks", "Nama wilayah"),
       _v("rata_capaian", "teks", "Rata-rata capaian semua indikator"),
       _v("predikat", "teks", "Predikat rata-rata"),
       _v("warna", "teks", "Warna predikat (RRGGBB)"),
       _v("jumlah_tercapai", "angka", "Jumlah indikator tercapai"),
       _v("jumlah_indikator", "angka", "Jumlah indikator"),
       _v("dimensi", "daftar", "Predikat per dimensi, urut seperti dimensi_kolom",
          _v("kode", "teks", "Kode dimensi"), _v("rata_capaian", "teks", "Rata-rata capaian"),
          _v("predikat", "teks", "Predikat"), _v("warna", "teks", "Warna (RRGGBB)"))),
    _v("indikator_peringkat", "daftar", "Per indikator: wilayah berperingkat",
       _v("kode", "teks", "Kode indikator"), _v("nama", "teks", "Nama indikator"),
       _v("satuan", "teks", "Satuan"),
       _v("target", "teks", "Target: yang berlaku bagi kebanyakan wilayah, lalu wilayah dengan "
          "target sendiri, mis. ≥ 70,00, kecuali Kota Surabaya ≥ 75,00"),
       _v("jumlah_tidak_tercapai", "angka", "Jumlah wilayah yang tidak mencapai target"),
       _v("tidak_tercapai", "teks", "Nama wilayah yang tidak mencapai target, dipisah koma"),
       _v("baris", "daftar", "Wilayah berperingkat",
          _v("peringkat", "teks", "Peringkat"), _v("wilayah", "teks", "Nama wilayah"),
          _v("target", "teks", "Target wilayah ini"),
          _v("realisasi", "teks", "Realisasi"), _v("capaian", "teks", "Capaian"),
          _v("predikat", "teks", "Predikat"), _v("warna", "teks", "Warna (RRGGBB)"),
          _v("tercapai", "teks", "Tercapai / Tidak tercapai"))),
    _v("grafik", "bagian", "Grafik (gambar)",
       _v("sebaran", "gambar", "Sebaran wilayah menurut predikat rata-rata capaian"),
       _v("perbandingan", "daftar", "Perbandingan capaian antarwilayah per indikator, per dimensi: "
          "dua atau empat indikator per gambar",
          _v("dimensi", "teks", "Nama dimensi"), _v("gambar", "gambar", "Gambar perbandingan"),
          _v("sumber", "teks", "Baris sumber di bawah gambar")),
       _v("sumber", "bagian", "Baris sumber di bawah tiap grafik",
          _v("sebaran", "teks", "Sumber grafik sebaran"))),
)
