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
    fields: tuple[Var, ...] = ()

    def child(self, name: str) -> Var | None:
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
    _v("predikat", "teks", "Predikat capaian, mis. Sangat Tinggi; target yang tidak tercapai pada "
       "predikat tertinggi ditandai: Sangat Tinggi (target tidak tercapai)"),
    _v("warna", "teks", "Warna predikat (RRGGBB) untuk {% cellbg i.warna %}"),
    _v("tercapai", "teks", "Tercapai / Tidak tercapai / belum dapat dinilai"),
    _v("tercapai_ya", "ya/tidak", "Benar bila target tercapai (untuk {% if %})"),
    _v("dinilai", "ya/tidak", "Benar bila ketercapaian target dapat dinilai (ada realisasi dan target)"),
    _v("kalimat", "teks", "Hasil indikator dalam satu kalimat: realisasi terhadap target, tercapai "
       "atau tidak, capaian dan predikatnya (atau mengapa belum dapat dinilai)"),
    _v("baseline", "teks", "Nilai kondisi awal (baseline) yang berlaku bagi wilayah ini"),
    _v("baseline_sendiri", "ya/tidak", "Benar bila kondisi awal milik wilayah ini sendiri (bukan "
       "angka wilayah program, mis. provinsi)"),
    _v("baseline_teks", "teks", "Kondisi awal dengan tahunnya, mis. 58,50 (2021); angka wilayah "
       "program ditandai: 65,40 (2021, Provinsi Jawa Timur)"),
    _v("tahun_baseline", "teks", "Tahun kondisi awal"),
    _v("selisih_baseline", "teks", "Perubahan terhadap kondisi awal wilayah ini sendiri, mis. +4,20 "
       "(– bila kondisi awal bukan milik wilayah ini)"),
    _v("periode_lalu", "teks", "Periode sebelumnya"),
    _v("realisasi_lalu", "teks", "Realisasi periode sebelumnya"),
    _v("selisih_lalu", "teks", "Perubahan terhadap periode sebelumnya"),
    _v("ada_pembanding", "ya/tidak", "Benar bila ada realisasi periode sebelumnya"),
    _v("tren", "teks", "membaik / memburuk / tetap / –"),
    _v("peringkat", "teks", "Peringkat wilayah untuk indikator ini di antara wilayah pembanding "
       "(lihat wilayah_pembanding), mis. 2 dari 8, 1 dari 8 (sama dengan 7 lainnya)"),
    _v("kalimat_peringkat", "teks", "Peringkat dalam satu kalimat, mis. Peringkat 2 dari 8 "
       "kabupaten/kota yang dievaluasi di Provinsi Jawa Timur. (kosong bila tanpa peringkat)"),
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
    _v("ada_terpilah", "ya/tidak", "Benar bila indikator ini memiliki data terpilah pada periode berjalan"),
    _v("terpilah", "daftar", "Data terpilah periode berjalan, satu per pemilahan (mis. jenis kelamin), "
       "setiap kategori dinilai terhadap target yang sama",
       _v("nama", "teks", "Nama pemilahan, mis. jenis kelamin"),
       _v("kategori", "daftar", "Kategori dalam urutan yang dinyatakan",
          _v("nama", "teks", "Nama kategori, mis. perempuan"),
          _v("realisasi", "teks", "Realisasi kategori"),
          _v("capaian", "teks", "Capaian terhadap target indikator"),
          _v("predikat", "teks", "Predikat capaian"),
          _v("warna", "teks", "Warna predikat (RRGGBB)"),
          _v("tercapai", "teks", "Tercapai / Tidak tercapai / belum dapat dinilai"),
          _v("status_data", "teks", "Status data: tetap, sementara, perkiraan")),
       _v("selisih", "teks", "Selisih antarkategori, mis. selisih perempuan - laki-laki −11,30 poin "
          "(kosong bila kurang dari dua nilai)"),
       _v("selisih_angka", "angka", "Selisih sebagai angka, untuk filter sendiri"),
       _v("melebihi_batas", "ya/tidak", "Benar bila selisih melebihi batas selisih pemilahan"),
       _v("batas_selisih", "teks", "Batas selisih pemilahan dengan satuannya, mis. 5,00 poin"),
       _v("kalimat", "teks", "Kalimat konteks temuan bila selisih melebihi batas (kosong bila tidak)")),
)

_LAMPIRAN_DATA = _v(
    "lampiran_data", "bagian", "Lampiran data: semua nilai yang dimasukkan untuk wilayah ini per "
    "periode, sumbernya, serta pembilang, penyebut dan pengali indikator turunan agar penelaah "
    "dapat menghitung ulang",
    _v("ada", "ya/tidak", "Benar bila wilayah ini memiliki nilai"),
    _v("jumlah_nilai", "angka", "Jumlah nilai"),
    _v("indikator", "daftar", "Indikator yang nilainya dimuat, dengan sumber dan metode",
       _v("kode", "teks", "Kode indikator"), _v("nama", "teks", "Nama indikator"),
       _v("satuan", "teks", "Satuan"), _v("sumber", "teks", "Sumber data"),
       _v("metode", "teks", "Metode pengumpulan"),
       _v("dilaporkan", "ya/tidak", "Salah untuk data penyusun, mis. jumlah penduduk")),
    _v("nilai", "daftar", "Setiap nilai per indikator, periode dan kategori",
       _v("no", "angka", "Nomor urut"), _v("kode", "teks", "Kode indikator"),
       _v("periode", "teks", "Periode"),
       _v("kategori", "teks", "keseluruhan, atau pemilahan: kategori"),
       _v("nilai", "teks", "Nilai sebagaimana ditulis"), _v("satuan", "teks", "Satuan"),
       _v("status", "teks", "Status data: tetap, sementara, perkiraan"),
       _v("catatan", "teks", "Catatan pengisi data")),
    _v("turunan", "daftar", "Indikator turunan per periode: pembilang / penyebut × pengali = hasil",
       _v("kode", "teks", "Kode indikator turunan"), _v("nama", "teks", "Nama indikator turunan"),
       _v("periode", "teks", "Periode"),
       _v("kode_pembilang", "teks", "Kode indikator pembilang"), _v("pembilang", "teks", "Nilai pembilang"),
       _v("kode_penyebut", "teks", "Kode indikator penyebut"), _v("penyebut", "teks", "Nilai penyebut"),
       _v("pengali", "teks", "Pengali, mis. 10.000"),
       _v("hasil", "teks", "Hasil, dibulatkan ke desimal indikator"),
       _v("desimal", "angka", "Jumlah desimal hasil"), _v("satuan", "teks", "Satuan")),
)

_REKOMENDASI_FIELDS = (
    _v("no", "angka", "Nomor urut 1..n dalam dokumen, menurut prioritas lalu urutan data"),
    _v("kode", "teks", "Kode rekomendasi"),
    _v("teks", "teks", "Isi rekomendasi"),
    _v("prioritas", "teks", "Prioritas: Tinggi / Sedang / Rendah"),
    _v("ditujukan_kepada", "teks", "Instansi yang dituju"),
    _v("temuan", "teks", "Kode temuan yang dijawab dan berlaku untuk wilayah ini, mis. T01, T03"),
    _v("temuan_judul", "teks", "Judul temuan tersebut"),
    _v("ada_temuan", "ya/tidak", "Benar bila rekomendasi menjawab temuan"),
)

_TEMUAN_FIELDS = (
    _v("no", "angka", "Nomor urut 1..n dalam dokumen"),
    _v("kode", "teks", "Kode temuan, seperti dirujuk rekomendasi (mis. T06)"),
    _v("judul", "teks", "Judul temuan"),
    _v("dimensi", "teks", "Dimensi"),
    _v("kondisi", "teks", "Kondisi"),
    _v("kriteria", "teks", "Kriteria"),
    _v("sebab", "teks", "Sebab"),
    _v("akibat", "teks", "Akibat"),
    _v("kriteria_dac", "teks", "Kriteria OECD-DAC (Relevansi, Efektivitas, ...)"),
    _v("indikator", "teks", "Indikator terkait"),
    _v("bukti", "teks", "Bukti"),
)

_TERLAMBAT_FIELDS = (
    _v("terlambat", "ya/tidak", "Benar bila batas waktunya telah lewat pada tanggal dokumen dan "
       "kegiatannya belum selesai (bukan sesuai rekomendasi atau tidak dapat ditindaklanjuti)"),
    _v("hari_terlambat", "angka", "Jumlah hari dari batas waktu sampai tanggal dokumen (0 bila "
       "tidak terlambat)"),
    _v("keterangan", "teks", "Terlambat N hari, atau – bila tidak terlambat"),
)

_TINDAK_LANJUT_FIELDS = (
    _v("no", "angka", "Nomor urut"),
    _v("kode", "teks", "Kode tindak lanjut"),
    _v("temuan", "teks", "Kode dan judul temuan yang ditindaklanjuti, mis. T06: Judul"),
    _v("kode_rekomendasi", "teks", "Kode rekomendasi yang ditindaklanjuti, mis. R01"),
    _v("rekomendasi", "teks", "Rekomendasi"),
    _v("kegiatan", "teks", "Kegiatan tindak lanjut"),
    _v("penanggung_jawab", "teks", "Penanggung jawab"),
    _v("mitra", "teks", "Mitra"),
    _v("batas_waktu", "teks", "Batas waktu, mis. 30 Juni 2025"),
    _v("indikator_keberhasilan", "teks", "Indikator keberhasilan"),
    _v("anggaran", "teks", "Anggaran, mis. Rp150.000.000"),
    _v("anggaran_terbilang", "teks", "Anggaran dalam huruf"),
    _v("sumber_anggaran", "teks", "Sumber anggaran, mis. APBD, APBN, hibah (– bila tidak diisi)"),
    _v("status", "teks", "Status tindak lanjut (kelas BPK)"),
    _v("warna_status", "teks", "Warna status (RRGGBB)"),
    _v("progres", "teks", "Progres, mis. 60%"),
    _v("bukti", "teks", "Bukti / catatan"),
    *_TERLAMBAT_FIELDS,
)

_LALU_STATUS_FIELDS = (
    _v("status", "teks", "Status tindak lanjut (kelas BPK)"),
    _v("jumlah", "angka", "Jumlah rekomendasi dengan status ini"),
    _v("jumlah_kegiatan", "angka", "Jumlah kegiatan dengan status ini"),
    _v("warna", "teks", "Warna status (RRGGBB)"),
)
_LALU_JUMLAH_FIELDS = (
    _v("jumlah_rekomendasi", "angka", "Jumlah rekomendasi"),
    _v("jumlah_sesuai", "angka", "Sesuai rekomendasi"),
    _v("jumlah_belum_sesuai", "angka", "Belum sesuai"),
    _v("jumlah_belum_ditindaklanjuti", "angka", "Belum ditindaklanjuti"),
    _v("jumlah_tidak_dapat", "angka", "Tidak dapat ditindaklanjuti"),
    _v("jumlah_terlambat", "angka", "Kegiatan terlambat"),
)
_LALU_KEGIATAN_FIELDS = (
    _v("no", "angka", "Nomor urut"),
    _v("kode", "teks", "Kode kegiatan"),
    _v("kode_rekomendasi", "teks", "Kode rekomendasi yang ditindaklanjuti"),
    _v("rekomendasi", "teks", "Rekomendasi"),
    _v("kegiatan", "teks", "Kegiatan tindak lanjut"),
    _v("penanggung_jawab", "teks", "Penanggung jawab"),
    _v("batas_waktu", "teks", "Batas waktu, mis. 30 Juni 2024"),
    _v("indikator_keberhasilan", "teks", "Indikator keberhasilan"),
    _v("status", "teks", "Status terkini (kelas BPK)"),
    _v("warna_status", "teks", "Warna status terkini (RRGGBB)"),
    _v("status_semula", "teks", "Status yang tercatat pada evaluasi sebelumnya"),
    _v("progres", "teks", "Progres terkini, mis. 55%"),
    _v("progres_semula", "teks", "Progres yang tercatat pada evaluasi sebelumnya"),
    _v("perubahan_progres", "teks", "Perubahan progres antarsiklus, mis. +55 poin (– bila tetap)"),
    _v("bukti", "teks", "Bukti / catatan terkini"),
    *_TERLAMBAT_FIELDS,
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
       _v("maksud", "teks", "Maksud evaluasi, satu paragraf: yang diisi dalam data, atau kalimat "
          "dari nama program dan periodenya"),
       _v("tujuan", "daftar", "Tujuan evaluasi"),
       _v("dasar_hukum", "daftar", "Dasar hukum"),
       _v("ruang_lingkup", "teks", "Ruang lingkup"),
       _v("kesimpulan", "daftar", "Kesimpulan yang ditulis tim evaluator dalam data (untuk wilayah "
          "program; dokumen wilayah mencetak kesimpulan dan konteks.kesimpulan)")),
    _v("dokumen", "bagian", "Keterangan surat/dokumen",
       _v("nomor", "teks", "Nomor surat wilayah ini: nomornya sendiri (Wilayah: Nomor Surat) atau "
          "pola document.number yang diisi ({no}, {kode_wilayah}); kosong bila tidak diisi"),
       _v("tempat", "teks", "Tempat penandatanganan"),
       _v("tanggal", "tanggal", "Tanggal dokumen; cetak dengan |tanggal atau |tanggal_hari"),
       _v("tanggal_teks", "teks", "Tanggal dokumen, mis. 15 Januari 2025"),
       _v("tahun", "teks", "Tahun dokumen"),
       _v("sifat", "teks", "Sifat surat"),
       _v("lampiran", "teks", "Lampiran: yang diisi dalam data, atau dihitung dari yang dilampirkan "
          "(1 (satu) berkas bila ada rekomendasi; – bila tidak ada)"),
       _v("hal", "teks", "Hal/perihal: yang diisi dalam data ({wilayah} diganti nama wilayah), atau "
          "menyebut yang dibawa surat, mis. Rekomendasi Hasil Evaluasi ... Tahun 2024 di Kabupaten "
          "Bangkalan"),
       _v("kepada", "teks", "Yth. penerima: kepala wilayah (mis. Bupati Bangkalan) atau yang "
          "ditetapkan data; untuk surat ke atasan, isian Kepada")),
    _v("surat", "bagian", "Surat pengantar rekomendasi wilayah ini",
       _v("ke_atasan", "ya/tidak", "Benar bila surat dikirim ke atasan (hasil dilaporkan, tidak "
          "ada permintaan); salah bila kepada kepala wilayah yang dievaluasi"),
       _v("kepada", "teks", "Yth. penerima (sama dengan dokumen.kepada)"),
       _v("di", "teks", "di Tempat"),
       _v("paragraf", "daftar", "Paragraf isi surat, disusun menurut arah surat dan jumlah "
          "rekomendasi"),
       _v("ada_rekomendasi", "ya/tidak", "Benar bila ada rekomendasi khusus wilayah ini (lampiran)"),
       _v("batas_hari", "angka", "Batas waktu laporan perkembangan tindak lanjut, dalam hari"),
       _v("tembusan", "daftar", "Tembusan, satu penerima per butir")),
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
    _v("penyusun", "bagian", "Penyusun laporan (mis. ketua tim evaluasi), yang menandatangani "
       "lembar pengesahan di samping penandatangan; teks kosong bila data tidak menyebutnya",
       _v("nama", "teks", "Nama lengkap dengan gelar (kosong: tanpa tanda tangan penyusun)"),
       _v("jabatan", "teks", "Jabatan, mis. Ketua Tim Evaluasi"),
       _v("pangkat", "teks", "Pangkat/golongan"),
       _v("nip", "teks", "NIP")),
    _v("singkatan", "daftar", "Daftar singkatan dari data (lembar Singkatan), urut abjad; kosong "
       "bila tidak diisi",
       _v("singkatan", "teks", "Singkatan, mis. FKUB"),
       _v("kepanjangan", "teks", "Kepanjangannya, mis. Forum Kerukunan Umat Beragama")),
    _v("wilayah", "bagian", "Wilayah yang dilaporkan dalam dokumen ini",
       _v("kode", "teks", "Kode wilayah"),
       _v("nama", "teks", "Nama wilayah, mis. Kab. Malang"),
       _v("tingkat", "teks", "Provinsi / Kabupaten / Kota"),
       _v("induk", "teks", "Wilayah induk"),
       _v("penduduk", "teks", "Jumlah penduduk"),
       _v("kepala", "teks", "Kepala wilayah sebagai penerima surat, mis. Bupati Bangkalan")),
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
       _v("jumlah_tidak_tercapai", "angka", "Jumlah yang realisasinya ada tetapi tidak mencapai target"),
       _v("jumlah_tanpa_data", "angka", "Jumlah yang belum dapat dinilai (tanpa realisasi atau target)"),
       _v("jumlah_dinilai", "angka", "Jumlah indikator yang capaiannya dihitung dalam rata-rata"),
       _v("persen_tercapai", "teks", "Persentase indikator tercapai"),
       _v("rata_capaian", "teks", "Rata-rata capaian indikator yang dapat dinilai, capaian setiap "
          "indikator dibatasi batas_capaian"),
       _v("rata_capaian_tanpa_batas", "teks", "Rata-rata capaian tanpa batas (sebagai pembanding)"),
       _v("predikat", "teks", "Predikat rata-rata capaian"),
       _v("tercapai_teks", "teks", "Jumlah target tercapai, mis. 5 dari 11 target tercapai"),
       _v("predikat_teks", "teks", "Predikat dengan jumlah target tercapai, mis. Tinggi (5 dari 11 "
          "target tercapai)"),
       _v("kalimat", "daftar", "Kalimat ringkasan eksekutif, disusun dari hasil wilayah ini"),
       _v("hasil", "teks", "Jumlah temuan, rekomendasi dan kegiatan tindak lanjut wilayah ini, dan "
          "yang tingkat provinsi")),
    _v("kesimpulan", "daftar", "Kesimpulan untuk wilayah ini, disusun dari hasilnya sendiri (target "
       "tercapai, dimensi terlemah dan terkuat, tren, data yang belum tersedia), ditambah kesimpulan "
       "tim evaluator bila wilayah ini adalah wilayah program"),
    _v("dimensi", "daftar", "Dimensi dengan indikatornya",
       _v("no", "angka", "Nomor urut"),
       _v("kode", "teks", "Kode dimensi"),
       _v("nama", "teks", "Nama dimensi"),
       _v("uraian", "teks", "Uraian dimensi"),
       _v("jumlah_indikator", "angka", "Jumlah indikator"),
       _v("jumlah_tercapai", "angka", "Jumlah indikator tercapai"),
       _v("jumlah_tidak_tercapai", "angka", "Jumlah indikator yang tidak tercapai (tanpa indikator "
          "yang belum dapat dinilai)"),
       _v("jumlah_belum_dinilai", "angka", "Jumlah indikator yang belum dapat dinilai"),
       _v("rata_capaian", "teks", "Rata-rata capaian (capaian setiap indikator dibatasi batas_capaian)"),
       _v("predikat", "teks", "Predikat rata-rata capaian"),
       _v("warna", "teks", "Warna predikat (RRGGBB)"),
       _v("tercapai_teks", "teks", "Jumlah target tercapai, mis. 1 dari 2 target tercapai"),
       _v("predikat_teks", "teks", "Predikat dengan jumlah target tercapai"),
       _v("kalimat", "teks", "Dimensi ini dalam satu kalimat: indikator, rata-rata, predikat dan "
          "jumlah target tercapai"),
       _v("indikator", "daftar", "Indikator dalam dimensi ini", *_INDIKATOR_FIELDS)),
    _v("indikator", "daftar", "Semua indikator yang dilaporkan", *_INDIKATOR_FIELDS),
    _v("temuan", "daftar", "Temuan wilayah ini sendiri (kondisi, kriteria, sebab, akibat); temuan "
       "tingkat provinsi ada di konteks.temuan",
       *_TEMUAN_FIELDS),
    _v("ada_terpilah", "ya/tidak", "Benar bila ada indikator dengan data terpilah pada periode berjalan"),
    _v("temuan_terpilah", "daftar", "Kalimat konteks temuan: selisih antarkategori data terpilah "
       "wilayah ini yang melebihi batas selisih, satu kalimat per indikator dan pemilahan"),
    _LAMPIRAN_DATA,
    _v("rekomendasi", "daftar", "Rekomendasi wilayah ini sendiri, menurut prioritas; rekomendasi "
       "tingkat provinsi ada di konteks.rekomendasi", *_REKOMENDASI_FIELDS),
    _v("rekomendasi_per_prioritas", "daftar", "Rekomendasi dikelompokkan menurut prioritas",
       _v("prioritas", "teks", "Tinggi / Sedang / Rendah"),
       _v("daftar", "daftar", "Rekomendasi dengan prioritas ini", *_REKOMENDASI_FIELDS)),
    _v("tindak_lanjut", "daftar", "Baris matriks rencana tindak lanjut wilayah ini sendiri, dengan "
       "anggaran; kegiatan tingkat provinsi ada di konteks.tindak_lanjut",
       *_TINDAK_LANJUT_FIELDS),
    _v("tindak_lanjut_per_rekomendasi", "daftar", "Baris matriks rencana tindak lanjut wilayah ini "
       "dikelompokkan menurut rekomendasi yang ditindaklanjuti, urut seperti tindak_lanjut: untuk "
       "sel temuan dan rekomendasi yang digabung ({% vm %}) di atas kegiatannya",
       _v("kode_rekomendasi", "teks", "Kode rekomendasi, mis. R01"),
       _v("rekomendasi", "teks", "Rekomendasi"),
       _v("temuan", "teks", "Kode dan judul temuan yang ditindaklanjuti"),
       _v("kegiatan", "daftar", "Kegiatan tindak lanjut rekomendasi ini", *_TINDAK_LANJUT_FIELDS)),
    _v("rtl", "bagian", "Ringkasan rencana tindak lanjut wilayah ini sendiri",
       _v("jumlah", "angka", "Jumlah tindak lanjut (juga jumlah baris rekap per status)"),
       _v("status_per", "teks", "Tanggal posisi status tindak lanjut, mis. 10 Januari 2025 "
          "(isian Status tindak lanjut per, atau tanggal dokumen)"),
       _v("total_anggaran", "teks", "Total anggaran"),
       _v("total_anggaran_terbilang", "teks", "Total anggaran dalam huruf"),
       _v("anggaran_tidak_dapat", "teks", "Anggaran kegiatan yang tidak dapat ditindaklanjuti"),
       _v("kalimat", "teks", "Jumlah kegiatan dan total anggaran dalam satu kalimat"),
       _v("jumlah_provinsi", "angka", "Jumlah kegiatan tingkat provinsi yang dirujuk (tanpa anggaran)"),
       _v("per_status", "daftar", "Jumlah per status",
          _v("status", "teks", "Status"), _v("jumlah", "angka", "Jumlah"),
          _v("warna", "teks", "Warna status (RRGGBB)"))),
    _v("tindak_lanjut_lalu", "bagian", "Tindak lanjut hasil evaluasi periode sebelumnya "
       "(render --previous): rekomendasi dan kegiatan wilayah ini sendiri dari siklus lalu dengan "
       "status terkininya",
       _v("diberikan", "ya/tidak", "Benar bila data evaluasi sebelumnya diberikan"),
       _v("ada", "ya/tidak", "Benar bila evaluasi sebelumnya memuat rekomendasi bagi wilayah ini"),
       _v("periode", "teks", "Periode evaluasi sebelumnya, mis. 2023"),
       _v("tanggal_dokumen", "teks", "Tanggal dokumen evaluasi sebelumnya"),
       _v("per", "teks", "Tanggal posisi status terkini (tanggal dokumen ini)"),
       _v("jumlah_rekomendasi", "angka", "Jumlah rekomendasi evaluasi sebelumnya"),
       _v("jumlah_sesuai", "angka", "Jumlah rekomendasi yang telah ditindaklanjuti sesuai"),
       _v("jumlah_kegiatan", "angka", "Jumlah kegiatan tindak lanjut"),
       _v("jumlah_terlambat", "angka", "Jumlah kegiatan yang terlambat"),
       _v("kalimat", "teks", "Mis. 3 dari 5 rekomendasi hasil evaluasi periode 2023 telah "
          "ditindaklanjuti sesuai rekomendasi; 2 kegiatan terlambat."),
       _v("per_status", "daftar", "Jumlah rekomendasi dan kegiatan per status", *_LALU_STATUS_FIELDS),
       _v("rekomendasi", "daftar", "Rekomendasi evaluasi sebelumnya dengan statusnya",
          _v("no", "angka", "Nomor urut"), _v("kode", "teks", "Kode rekomendasi"),
          _v("teks", "teks", "Isi rekomendasi"), _v("prioritas", "teks", "Tinggi / Sedang / Rendah"),
          _v("ditujukan_kepada", "teks", "Ditujukan kepada"),
          _v("status", "teks", "Status rekomendasi dari status kegiatannya (kelas BPK)"),
          _v("warna_status", "teks", "Warna status (RRGGBB)"),
          _v("jumlah_kegiatan", "angka", "Jumlah kegiatannya")),
       _v("kegiatan", "daftar", "Kegiatan tindak lanjut evaluasi sebelumnya", *_LALU_KEGIATAN_FIELDS),
       _v("kegiatan_per_rekomendasi", "daftar", "Kegiatan dikelompokkan menurut rekomendasi, untuk "
          "sel rekomendasi yang digabung ({% vm %})",
          _v("kode_rekomendasi", "teks", "Kode rekomendasi"), _v("rekomendasi", "teks", "Rekomendasi"),
          _v("status", "teks", "Status rekomendasi"), _v("warna_status", "teks", "Warna status"),
          _v("kegiatan", "daftar", "Kegiatannya", *_LALU_KEGIATAN_FIELDS))),
    _v("predikat", "daftar", "Skema predikat yang dipakai",
       _v("nama", "teks", "Nama predikat"),
       _v("aturan", "teks", "Batas, mis. > 90"),
       _v("warna", "teks", "Warna (RRGGBB)")),
    _v("skema_predikat", "teks", "Nama skema predikat, mis. Permendagri 86/2017 (5 predikat)"),
    _v("batas_capaian", "teks", "Batas capaian setiap indikator dalam rata-rata, mis. 100% (kosong "
       "bila tanpa batas)"),
    _v("konteks", "bagian", "Konteks provinsi: yang berlaku bagi seluruh wilayah program, bukan "
       "khusus wilayah ini (kosong untuk wilayah program sendiri)",
       _v("ada", "ya/tidak", "Benar bila ada konteks provinsi"),
       _v("pengantar", "teks", "Kalimat pembuka: laporan ini tentang wilayah ini, satu dari sekian "
          "wilayah yang dievaluasi"),
       _v("nama", "teks", "Nama wilayah program, mis. Provinsi Jawa Timur"),
       _v("jumlah_wilayah", "angka", "Jumlah wilayah yang dievaluasi"),
       _v("sebutan", "teks", "Sebutan wilayah yang dievaluasi, mis. kabupaten/kota"),
       _v("kesimpulan", "daftar", "Kesimpulan tim evaluator atas seluruh wilayah"),
       _v("temuan", "daftar", "Temuan tingkat provinsi",
          _v("no", "angka", "Nomor urut"), _v("kode", "teks", "Kode temuan"),
          _v("judul", "teks", "Judul temuan"), _v("dimensi", "teks", "Dimensi"),
          _v("kaitan", "teks", "Hasil wilayah ini sendiri pada indikator terkait")),
       _v("rekomendasi", "daftar", "Rekomendasi tingkat provinsi", *_REKOMENDASI_FIELDS),
       _v("tindak_lanjut", "daftar", "Kegiatan tindak lanjut tingkat provinsi, tanpa anggaran "
          "(anggarannya dalam ringkasan wilayah)",
          *_TINDAK_LANJUT_FIELDS)),
    _v("grafik", "bagian", "Grafik (gambar)",
       _v("tindak_lanjut_lalu", "gambar", "Kegiatan tindak lanjut evaluasi sebelumnya menurut "
          "status terkini (kosong tanpa --previous)"),
       _v("capaian", "gambar", "Capaian per indikator, warna menurut predikat"),
       _v("target_realisasi", "gambar", "Target dan realisasi per indikator"),
       _v("tren", "gambar", "Tren realisasi antarperiode dengan garis target"),
       _v("terpilah", "daftar", "Data terpilah: capaian per kategori (batang berkelompok per "
          "indikator dan pemilahan) terhadap target yang sama; paling banyak enam kelompok per gambar",
          _v("gambar", "gambar", "Gambar batang berkelompok"),
          _v("sumber", "teks", "Baris sumber di bawah gambar, dari sumber data indikatornya"),
          _v("bagian", "teks", "Bagian gambar bila dibagi, mis. 1 dari 2 (kosong bila tidak)")),
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
    _v("asal_data", "bagian", "Asal data, untuk properti berkas; jangan dicetak pada halaman yang "
       "ditandatangani (templat bawaan menyimpannya dalam properti dokumen)",
       _v("berkas", "teks", "Nama berkas data"),
       _v("sha256", "teks", "Sidik SHA-256 berkas data"),
       _v("versi", "teks", "Versi evalreport"),
       _v("skema_predikat", "teks", "Skema predikat")),
)


# The parts of the context the regional summary shares with a region's documents.
SHARED_PARTS = ("program", "dokumen", "kop", "penandatangan", "predikat", "skema_predikat",
                "batas_capaian", "asal_data")

SUMMARY_SCHEMA: tuple[Var, ...] = tuple(v for v in SCHEMA if v.name in SHARED_PARTS) + (
    _v("jumlah_wilayah", "angka", "Jumlah wilayah yang dibandingkan"),
    _v("jumlah_diperingkat", "angka", "Jumlah wilayah yang diperingkat (dinilai pada indikator yang sama)"),
    _v("dimensi_kolom", "daftar", "Dimensi, untuk judul kolom tabel warna",
       _v("kode", "teks", "Kode dimensi"), _v("nama", "teks", "Nama dimensi")),
    _v("catatan_peringkat", "daftar", "Cara menyusun peringkat, arti tanda =, dan wilayah yang "
       "tidak diperingkat karena dinilai pada indikator yang berbeda"),
    _v("wilayah_peringkat", "daftar", "Wilayah berperingkat menurut rata-rata capaian (dibatasi), "
       "lalu jumlah target tercapai",
       _v("peringkat", "teks", "Peringkat: 1, 2, 4= (sama dengan wilayah lain), – bila tidak "
          "diperingkat"),
       _v("kode", "teks", "Kode wilayah"),
       _v("nama", "teks", "Nama wilayah"),
       _v("rata_capaian", "teks", "Rata-rata capaian indikator yang dapat dinilai (dibatasi)"),
       _v("predikat", "teks", "Predikat rata-rata"),
       _v("warna", "teks", "Warna predikat (RRGGBB)"),
       _v("jumlah_tercapai", "angka", "Jumlah indikator tercapai"),
       _v("jumlah_indikator", "angka", "Jumlah indikator"),
       _v("jumlah_dinilai", "angka", "Jumlah indikator yang dapat dinilai"),
       _v("dinilai", "teks", "Indikator yang dinilai, mis. 11 dari 11"),
       _v("tercapai_teks", "teks", "Jumlah target tercapai, mis. 5 dari 11 target tercapai"),
       _v("predikat_teks", "teks", "Predikat dengan jumlah target tercapai"),
       _v("catatan", "teks", "Mengapa wilayah tidak diperingkat (kosong bila diperingkat)"),
       _v("dimensi", "daftar", "Predikat per dimensi, urut seperti dimensi_kolom",
          _v("kode", "teks", "Kode dimensi"), _v("rata_capaian", "teks", "Rata-rata capaian"),
          _v("predikat", "teks", "Predikat"), _v("warna", "teks", "Warna (RRGGBB)"),
          _v("tercapai_teks", "teks", "Target tercapai, mis. 1/2 tercapai"))),
    _v("indikator_peringkat", "daftar", "Per indikator: wilayah berperingkat",
       _v("kode", "teks", "Kode indikator"), _v("nama", "teks", "Nama indikator"),
       _v("satuan", "teks", "Satuan"),
       _v("target", "teks", "Target: yang berlaku bagi kebanyakan wilayah, lalu wilayah dengan "
          "target sendiri, mis. ≥ 70,00, kecuali Kota Surabaya ≥ 75,00"),
       _v("jumlah_tidak_tercapai", "angka", "Jumlah wilayah yang tidak mencapai target"),
       _v("tidak_tercapai", "teks", "Nama wilayah yang tidak mencapai target, dipisah koma"),
       _v("jumlah_belum_dinilai", "angka", "Jumlah wilayah yang belum dapat dinilai"),
       _v("terpilah", "daftar", "Selisih data terpilah per wilayah, satu per pemilahan (mis. jenis kelamin)",
          _v("kode", "teks", "Kode indikator"), _v("indikator", "teks", "Nama indikator"),
          _v("nama", "teks", "Nama pemilahan"), _v("satuan", "teks", "Satuan indikator"),
          _v("batas_selisih", "teks", "Batas selisih pemilahan dengan satuannya, mis. 5,00 poin"),
          _v("jumlah_melebihi", "angka", "Jumlah wilayah yang selisihnya melebihi batas"),
          _v("wilayah", "daftar", "Wilayah dengan data terpilah, urut seperti data",
             _v("wilayah", "teks", "Nama wilayah"),
             _v("nilai", "teks", "Nilai per kategori, mis. perempuan 42,10; laki-laki 53,40"),
             _v("selisih", "teks", "Selisih, mis. selisih perempuan - laki-laki −11,30 poin"),
             _v("melebihi_batas", "ya/tidak", "Benar bila selisih melebihi batas"))),
       _v("baris", "daftar", "Wilayah berperingkat",
          _v("peringkat", "teks", "Peringkat, 1= bila sama dengan wilayah lain"),
          _v("wilayah", "teks", "Nama wilayah"),
          _v("target", "teks", "Target wilayah ini"),
          _v("realisasi", "teks", "Realisasi"), _v("capaian", "teks", "Capaian"),
          _v("predikat", "teks", "Predikat (ditandai bila target tidak tercapai pada predikat "
             "tertinggi)"), _v("warna", "teks", "Warna (RRGGBB)"),
          _v("tercapai", "teks", "Tercapai / Tidak tercapai / belum dapat dinilai"),
          _v("catatan", "teks", "Catatan kualitas data, mis. data sementara"))),
    _v("provinsi", "bagian", "Yang berlaku bagi seluruh wilayah program: kesimpulan, temuan, "
       "rekomendasi dan rencana tindak lanjut dengan anggarannya",
       _v("ada", "ya/tidak", "Benar bila ada"),
       _v("kesimpulan", "daftar", "Kesimpulan tim evaluator"),
       _v("temuan", "daftar", "Temuan tingkat provinsi",
          *_TEMUAN_FIELDS),
       _v("rekomendasi", "daftar", "Rekomendasi tingkat provinsi", *_REKOMENDASI_FIELDS),
       _v("tindak_lanjut", "daftar", "Kegiatan tindak lanjut tingkat provinsi, dengan anggaran",
          *_TINDAK_LANJUT_FIELDS),
       _v("rtl", "bagian", "Jumlah dan anggaran kegiatan tingkat provinsi",
          _v("jumlah", "angka", "Jumlah kegiatan"), _v("total_anggaran", "teks", "Total anggaran"),
          _v("status_per", "teks", "Tanggal posisi status tindak lanjut"),
          _v("total_anggaran_terbilang", "teks", "Total anggaran dalam huruf"),
          _v("anggaran_tidak_dapat", "teks", "Anggaran kegiatan yang tidak dapat ditindaklanjuti"),
          _v("kalimat", "teks", "Jumlah dan total anggaran dalam satu kalimat"),
          _v("kalimat_wilayah", "teks", "Jumlah dan anggaran kegiatan wilayah (dalam dokumen "
             "wilayah masing-masing)"),
          _v("jumlah_provinsi", "angka", "0"),
          _v("per_status", "daftar", "Jumlah per status",
             _v("status", "teks", "Status"), _v("jumlah", "angka", "Jumlah"),
             _v("warna", "teks", "Warna status (RRGGBB)")))),
    _v("tindak_lanjut_lalu", "bagian", "Tindak lanjut hasil evaluasi periode sebelumnya menurut "
       "wilayah (render --previous)",
       _v("diberikan", "ya/tidak", "Benar bila data evaluasi sebelumnya diberikan"),
       _v("periode", "teks", "Periode evaluasi sebelumnya"),
       _v("per", "teks", "Tanggal posisi status terkini"),
       _v("kalimat", "teks", "Mis. 12 dari 20 rekomendasi hasil evaluasi periode 2023 telah "
          "ditindaklanjuti sesuai rekomendasi; 4 kegiatan terlambat."),
       _v("wilayah", "daftar", "Wilayah dengan rekomendasi evaluasi sebelumnya (dan baris tingkat "
          "program)",
          _v("nama", "teks", "Nama wilayah"), *_LALU_JUMLAH_FIELDS),
       _v("jumlah", "bagian", "Jumlah seluruh wilayah (baris jumlah)", *_LALU_JUMLAH_FIELDS)),
    _v("grafik", "bagian", "Grafik (gambar)",
       _v("sebaran", "gambar", "Sebaran wilayah menurut predikat rata-rata capaian"),
       _v("perbandingan", "daftar", "Perbandingan capaian antarwilayah per indikator, per dimensi: "
          "dua atau empat indikator per gambar",
          _v("dimensi", "teks", "Nama dimensi"), _v("gambar", "gambar", "Gambar perbandingan"),
          _v("sumber", "teks", "Baris sumber di bawah gambar")),
       _v("sumber", "bagian", "Baris sumber di bawah tiap grafik",
          _v("sebaran", "teks", "Sumber grafik sebaran"))),
)
