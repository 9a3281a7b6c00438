"""The English words of the bundled templates, by the Indonesian text the builder writes
(``scripts/build_templates.py``): a whole run, or the text between a run's tags, looked up
as it is and then without its surrounding spaces (which the English keeps)."""
from __future__ import annotations

# The names of the templates' own paragraph styles (Word's built-in ones keep theirs).
ENGLISH_STYLES: dict[str, str] = {
    "Teks Tabel": "Table Text",
    "Kepala Tabel": "Table Heading",
    "Teks Tabel Kecil": "Table Text Small",
    "Kepala Tabel Kecil": "Table Heading Small",
    "Gambar": "Picture",
    "Kode Templat": "Template Code",
    "Tanda Tangan": "Signature Block",  # not Word's built-in "Signature"
    "Sumber Gambar": "Figure Source",
}

ENGLISH: dict[str, str] = {
    # ---- furniture, properties
    "Halaman": "Page",
    "dari": "of",
    "Tabel": "Table",
    "Gambar": "Figure",
    "Templat": "Template",
    "evalreport; templat; docxtpl": "evalreport; template; docxtpl",
    "Templat Word evalreport; tanda isian di dalam kurung kurawal diisi otomatis.":
        "evalreport Word template; the fields in curly brackets are filled in automatically.",
    "Templat Laporan Evaluasi": "Evaluation Report Template",
    "Laporan evaluasi program per wilayah": "Programme evaluation report for one region",
    "Templat Surat Rekomendasi Hasil Evaluasi": "Evaluation Recommendations Letter Template",
    "Surat pengantar dan daftar rekomendasi menurut prioritas":
        "Covering letter and the recommendations by priority",
    "Templat Matriks Rencana Tindak Lanjut": "Follow-up Action Plan Matrix Template",
    "Matriks rencana tindak lanjut hasil evaluasi": "Follow-up action plan matrix of the evaluation",
    "Templat Ringkasan Perbandingan Antarwilayah": "Regional Comparison Summary Template",
    "Kerangka ringkasan perbandingan antarwilayah (belum lengkap)":
        "Outline of the regional comparison summary",
    "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk memperbarui daftar isi.":
        "Right-click and choose Update Field to update the table of contents.",
    "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk memperbarui daftar tabel.":
        "Right-click and choose Update Field to update the list of tables.",
    "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk memperbarui daftar gambar.":
        "Right-click and choose Update Field to update the list of figures.",
    "Bagian ini belum diisi dalam data evaluasi.": "This section is not filled in the evaluation data.",
    # ---- shared words: signatures, tables
    "NIP.": "Employee ID (NIP)",
    "Disusun oleh,": "Prepared by,",
    "Disahkan oleh,": "Approved by,",
    "No": "No",  # "No." breaks in a column 0.7 cm wide
    "Kode": "Code",
    "Indikator": "Indicator",
    "Satuan": "Unit",
    "Satuan:": "Unit:",
    "Polaritas": "Polarity",
    "Target": "Target",
    "Kondisi Awal (Tahun)": "Baseline (Year)",
    "Realisasi": "Actual",
    # column headers in narrow columns: a soft hyphen breaks them where English does
    "Capaian": "Achieve\u00adment",
    "Predikat": "Rating",
    "Keterangan": "Target status",
    "Warna": "Colour",
    "Batas Capaian (%)": "Achievement Threshold (%)",
    "Dimensi": "Dimension",
    "Dimensi:": "Dimension:",
    " Dimensi ": " Dimension: ",
    "Sumber data:": "Data source:",
    "Metode:": "Method:",
    "Rekomendasi": "Recom\u00admendation",
    "Prioritas": "Priority",
    "Prioritas ": "Priority: ",
    "Ditujukan Kepada": "Addressed To",
    "Temuan": "Finding",
    "Kegiatan": "Activity",
    "Penanggung Jawab": "Responsible",
    "Batas Waktu": "Deadline",
    "Indikator Keberhasilan": "Success Indicator",
    "Anggaran": "Budget",
    "Sumber Anggaran": "Budget Source",
    "Status": "Status",
    "Bukti / Catatan": "Evidence / Notes",
    "Mitra:": "Partners:",
    "Progres": "Progress",
    "Jumlah anggaran": "Total budget",
    "Jumlah": "Total",
    "Status Tindak Lanjut": "Follow-up Status",
    "Kondisi": "Condition",
    "Kriteria": "Criterion",
    "Sebab": "Cause",
    "Akibat": "Effect",
    "Kriteria OECD-DAC": "OECD-DAC Criterion",
    "Indikator terkait": "Related indicators",
    "Bukti": "Evidence",
    "Belum terdapat rencana tindak lanjut khusus": "There is no follow-up action plan specific to",
    "untuk periode ini.": "for this period yet.",
    "pada periode ini.": "in this period.",
    "Kegiatan tindak lanjut tingkat": "Follow-up activities at the level of",
    "yang juga menyangkut": "that also concern",
    " dilaksanakan oleh perangkat daerah provinsi; anggarannya dimuat dalam ringkasan perbandingan "
    "antarwilayah, tidak dalam matriks rencana tindak lanjut wilayah ini.":
        " are carried out by provincial agencies; their budget is given in the regional comparison "
        "summary, not in this region's action plan matrix.",
    "Kegiatan tindak lanjut tingkat provinsi yang terkait": "Related provincial follow-up activities",
    "Jumlah kegiatan": "Activities of",
    " menurut status tindak lanjut per ": " by follow-up status as of ",
    # ---- report: cover, approval page, preface
    "LAPORAN EVALUASI": "EVALUATION REPORT",
    "TAHUN {{ program.periode }}": "{{ program.periode }}",
    "Tahun ": "",
    " Tahun ": " ",
    "Laporan Evaluasi ": "Evaluation Report: ",
    "LEMBAR PENGESAHAN": "APPROVAL SHEET",
    "Judul laporan": "Title of the report",
    "Wilayah yang dievaluasi": "Region evaluated",
    "Periode evaluasi": "Evaluation period",
    "Pelaksana evaluasi": "Conducted by",
    "Tim evaluasi": "Evaluation team",
    "Disahkan di": "Approved at",
    "pada tanggal": "on",
    "KATA PENGANTAR": "FOREWORD",
    "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa karena atas rahmat-Nya Laporan Evaluasi ":
        "With gratitude we present the Evaluation Report on ",
    " di ": " in ",
    " dapat diselesaikan. Laporan ini disusun oleh ": ". The report was prepared by ",
    " sebagai wujud akuntabilitas pelaksanaan program dan sebagai bahan pengambilan keputusan bagi "
    "pimpinan daerah.":
        " to account for the implementation of the programme and to inform the decisions of the "
        "regional leadership.",
    "Laporan ini memuat hasil pengukuran ": "The report presents the measurement of ",
    " indikator kinerja, analisis capaian per dimensi, ":
        " performance indicators, an analysis of achievement by dimension, ",
    "perbandingan antarperiode dan antarwilayah": "comparisons between periods and between regions",
    "perbandingan antarperiode": "a comparison between periods",
    ", temuan evaluasi, serta rekomendasi dan rencana tindak lanjutnya. Setiap angka dalam laporan "
    "ini dapat ditelusuri ke sumber datanya sebagaimana tercantum pada tabel indikator di BAB II.":
        ", the evaluation findings, and the recommendations with their follow-up action plan. Every "
        "figure in this report can be traced to its data source, as listed in the indicator table "
        "in Chapter II.",
    "Kami menyampaikan terima kasih kepada semua pihak yang telah membantu pelaksanaan evaluasi dan "
    "penyusunan laporan ini. Semoga laporan ini bermanfaat bagi penguatan ketahanan sosial dan "
    "politik di ":
        "We thank everyone who helped to carry out the evaluation and to prepare this report. We "
        "hope that it will help to strengthen social and political resilience in ",
    "DAFTAR ISI": "TABLE OF CONTENTS",
    "DAFTAR TABEL": "LIST OF TABLES",
    "DAFTAR GAMBAR": "LIST OF FIGURES",
    "DAFTAR SINGKATAN": "ABBREVIATIONS",
    "Singkatan berikut dipakai dalam laporan ini.":
        "The following abbreviations are used in this report. Indonesian institutions, laws and "
        "programmes keep their official Indonesian names.",
    "RINGKASAN EKSEKUTIF": "EXECUTIVE SUMMARY",
    "Evaluasi ": "The evaluation of ",
    " untuk periode ": " for ",
    " menghasilkan pokok-pokok sebagai berikut.": " gives the following main points.",
    "Angka kunci capaian kinerja ": "Key performance figures, ",
    " periode ": ", ",
    ", periode ": ", ",
    "Jumlah indikator yang dievaluasi": "Indicators evaluated",
    "Target yang tercapai": "Targets met",
    "Target yang belum tercapai": "Targets not met",
    "Indikator yang belum dapat dinilai": "Indicators that cannot be assessed yet",
    "Rata-rata capaian kinerja": "Mean performance achievement",
    " (capaian setiap indikator dibatasi ": " (each indicator's achievement capped at ",
    "Predikat rata-rata capaian": "Rating of the mean achievement",
    # ---- chapter I
    "BAB I PENDAHULUAN": "CHAPTER I INTRODUCTION",
    "1.1 Latar Belakang": "1.1 Background",
    "1.2 Dasar Hukum": "1.2 Legal Basis",
    "Evaluasi ini dilaksanakan berdasarkan:": "The evaluation was conducted under:",
    "1.3 Maksud dan Tujuan": "1.3 Purpose and Objectives",
    "Tujuan evaluasi ini adalah untuk:": "The objectives of the evaluation are:",
    "Tujuan evaluasi belum diisi dalam data evaluasi.":
        "The objectives are not filled in the evaluation data.",
    "1.4 Ruang Lingkup": "1.4 Scope",
    "Evaluasi mencakup ": "The evaluation covers ",
    " indikator kinerja dalam ": " performance indicators in ",
    " dimensi di ": " dimensions in ",
    ", dengan periode berjalan ": ", with the current period ",
    " dan data pembanding sejak periode ": " and comparison data since ",
    # ---- chapter II
    "BAB II METODOLOGI": "CHAPTER II METHODOLOGY",
    "2.1 Kerangka Evaluasi": "2.1 Evaluation Framework",
    "Kerangka evaluasi terdiri atas ": "The evaluation framework consists of ",
    " dimensi dan ": " dimensions and ",
    " indikator kinerja. Dimensi yang diukur adalah sebagai berikut:":
        " performance indicators. The dimensions measured are:",
    "2.2 Indikator Kinerja dan Sumber Data": "2.2 Performance Indicators and Data Sources",
    "Setiap indikator memiliki satuan, arah kinerja (polaritas), target, kondisi awal (nilai pada "
    "tahun dasar) dan sumber data sebagaimana tabel berikut.":
        "Each indicator has a unit, a direction of performance (polarity), a target, a baseline "
        "(the value in the base year) and a data source, as the following table shows.",
    "Indikator kinerja, target dan sumber data": "Performance indicators, targets and data sources",
    "2.3 Pengumpulan dan Analisis Data": "2.3 Data Collection and Analysis",
    "Data dikumpulkan dan dianalisis dengan metode berikut:":
        "Data were collected and analysed with the following methods:",
    "Metode pengumpulan dan analisis data belum diisi dalam data evaluasi.":
        "The methods of data collection and analysis are not filled in the evaluation data.",
    "2.4 Pengukuran Capaian": "2.4 Measuring Achievement",
    "Capaian kinerja dihitung dengan membandingkan realisasi terhadap target. Untuk indikator yang "
    "makin tinggi makin baik, capaian = realisasi ÷ target × 100%; untuk indikator yang makin rendah "
    "makin baik, capaian = (2 × target − realisasi) ÷ target × 100%; untuk target berupa rentang, "
    "realisasi di dalam rentang bernilai 100%. Capaian tidak pernah dilaporkan di bawah 0%.":
        "Achievement compares the actual value with the target. Where higher is better, "
        "achievement = actual ÷ target × 100%; where lower is better, achievement = (2 × target − "
        "actual) ÷ target × 100%; for a target range, an actual value within the range counts as "
        "100%. Achievement is never reported below 0%.",
    "Rata-rata capaian suatu dimensi atau wilayah adalah rata-rata capaian indikator yang dapat "
    "dinilai":
        "The mean achievement of a dimension or region is the mean achievement of its indicators "
        "that can be assessed",
    ", dengan capaian setiap indikator dibatasi paling tinggi ":
        ", each indicator's achievement capped at ",
    " sebelum dirata-ratakan, sehingga capaian yang melampaui target tidak menutupi target yang "
    "belum tercapai; capaian per indikator tetap disajikan tanpa batas":
        " before averaging, so that achievement beyond a target does not hide a target that was "
        "missed; each indicator's own achievement is shown without the cap",
    ". Setiap predikat rata-rata disertai jumlah target yang tercapai. Indikator tanpa realisasi "
    "atau tanpa target belum dapat dinilai dan tidak dihitung dalam rata-rata.":
        ". Every rating of a mean is given with the number of targets met. An indicator without "
        "an actual value or without a target cannot be assessed yet and is left out of the means.",
    "Capaian dikelompokkan ke dalam predikat menurut skema ":
        "Achievement is grouped into ratings by the scheme ",
    " sebagaimana tabel berikut. Status target (tercapai atau tidak tercapai) dinilai tersendiri: "
    "sebuah indikator dapat berpredikat tinggi meskipun targetnya belum tercapai.":
        ", as the following table shows. Whether a target was met is judged on its own: an "
        "indicator can have a high rating although its target was not met.",
    "Predikat capaian kinerja": "Achievement ratings",
    "2.5 Tim Evaluasi": "2.5 Evaluation Team",
    "Evaluasi dilaksanakan oleh tim evaluasi yang terdiri atas:":
        "The evaluation was carried out by a team of:",
    "Susunan tim evaluasi belum diisi dalam data evaluasi.":
        "The evaluation team is not filled in the evaluation data.",
    # ---- chapter III
    "BAB III HASIL EVALUASI": "CHAPTER III EVALUATION RESULTS",
    "Bab ini menyajikan capaian kinerja setiap indikator dan setiap dimensi, perbandingan "
    "antarperiode":
        "This chapter presents the achievement of every indicator and every dimension, the "
        "comparison between periods",
    ", perbandingan antarwilayah": ", the comparison between regions",
    ", serta temuan evaluasi. ": " and the evaluation findings. ",
    "Perbandingan antarwilayah tidak disajikan karena ":
        "No comparison between regions is given because ",
    " adalah satu-satunya wilayah di ": " is the only region of ",
    " dalam data evaluasi ini.": " in these evaluation data.",
    "Perbandingan antarwilayah tidak disajikan karena data evaluasi ini hanya memuat satu wilayah.":
        "No comparison between regions is given because these evaluation data hold one region only.",
    "3.1 Capaian Kinerja Indikator": "3.1 Indicator Performance",
    "Pada periode ": "In ",
    "), dengan rata-rata capaian ": "), with a mean achievement of ",
    " dan predikat ": " and the rating ",
    ". Rincian capaian setiap indikator disajikan pada tabel berikut; warna sel predikat mengikuti "
    "skema ":
        ". The achievement of each indicator is given in the following table; the colours of the "
        "rating cells follow the scheme ",
    ", sedangkan kolom keterangan menunjukkan apakah target tercapai.":
        ", and the last column shows whether the target was met.",
    "Capaian kinerja indikator ": "Indicator performance, ",
    "Capaian kinerja per indikator, ": "Achievement by indicator, ",
    "Target dan realisasi per indikator, ": "Target and actual value by indicator, ",
    "3.2 Capaian per Dimensi": "3.2 Achievement by Dimension",
    "Uraian capaian menurut dimensi adalah sebagai berikut.": "Achievement by dimension is as follows.",
    " Dibandingkan periode ": " Change since ",
    ", realisasi ": ": ",
    "3.3 Perbandingan Antarperiode": "3.3 Comparison between Periods",
    "Realisasi periode ": "The actual values of ",
    " dibandingkan dengan periode sebelumnya dan dengan kondisi awal disajikan pada tabel berikut.":
        " compared with the previous period and with the baseline are given in the following table.",
    "Perbandingan realisasi antarperiode, ": "Actual values compared between periods, ",
    "Realisasi Sebelumnya (Periode)": "Previous Actual (Period)",
    "Realisasi ": "Actual ",
    "Perubahan": "Change",
    "Tren": "Trend",
    "Tren realisasi antarperiode terhadap target, ": "Trend of the actual values against the target, ",
    "3.4 Perbandingan Antarwilayah": "3.4 Comparison between Regions",
    "Posisi ": "The position of ",
    " dibandingkan dengan ": " compared with the other ",
    " lain yang dievaluasi di ": " evaluated in ",
    " untuk setiap indikator pada periode ": ", for each indicator in ",
    " adalah sebagai berikut. Peringkat dihitung menurut capaian di antara ":
        ", is as follows. Ranks are by achievement among these ",
    " tersebut; capaian yang sama mendapat peringkat yang sama.": "; equal achievements share a rank.",
    "Peringkat ": "Rank of ",
    " per indikator di antara ": " by indicator among the ",
    " yang dievaluasi di ": " evaluated in ",
    "Peringkat": "Rank",
    "Perbandingan capaian antarwilayah (% terhadap target), dimensi ":
        "Achievement compared between regions (% of target), dimension ",
    "Temuan ": "Finding ",
    " Temuan": " Findings",
    "Temuan evaluasi dirumuskan dalam unsur kondisi (apa yang terjadi), kriteria (apa yang "
    "seharusnya), sebab, dan akibat, serta dikaitkan dengan kriteria evaluasi OECD-DAC. Temuan "
    "diberi nomor urut dalam laporan ini dan kode yang dirujuk oleh rekomendasi dan rencana tindak "
    "lanjut.":
        "Each finding states the condition (what is), the criterion (what should be), the cause and "
        "the effect, and is linked to an OECD-DAC evaluation criterion. Findings are numbered in "
        "this report and carry the code that the recommendations and the action plan refer to.",
    "Tidak terdapat temuan khusus ": "There are no findings specific to ",
    "Temuan tingkat ": "Findings at the level of ",
    " (konteks). ": " (context). ",
    "Temuan berikut dirumuskan untuk seluruh ": "The following findings concern all ",
    " yang dievaluasi, tidak khusus untuk ": " evaluated, not ",
    "; uraian lengkapnya dimuat dalam ringkasan perbandingan antarwilayah. Kolom terakhir menyajikan "
    "hasil ":
        " alone; they are set out in full in the regional comparison summary. The last column gives "
        "the results of ",
    " sendiri pada indikator terkait.": " itself on the related indicators.",
    "Temuan tingkat provinsi dan hasil ": "Provincial findings and the results of ",
    "Hasil ": "Results of ",
    " pada indikator terkait": " on the related indicators",
    # ---- chapter IV, V, appendices
    "BAB IV KESIMPULAN DAN REKOMENDASI": "CHAPTER IV CONCLUSIONS AND RECOMMENDATIONS",
    "4.1 Kesimpulan": "4.1 Conclusions",
    "Berdasarkan hasil evaluasi di ": "From the results of the evaluation in ",
    ", dapat disimpulkan hal-hal sebagai berikut:": ", the following conclusions are drawn:",
    "Konteks provinsi. ": "Provincial context. ",
    "Kesimpulan evaluasi atas seluruh ": "The conclusions of the evaluation on all ",
    " dimuat dalam ringkasan perbandingan antarwilayah.": " are given in the regional comparison summary.",
    "4.2 Rekomendasi": "4.2 Recommendations",
    "Untuk menindaklanjuti temuan evaluasi, disampaikan rekomendasi bagi ":
        "To follow up the evaluation findings, the following recommendations are made to ",
    " sebagai berikut, menurut prioritas.": ", by priority.",
    "Rekomendasi hasil evaluasi": "Recommendations of the evaluation",
    "Rencana tindak lanjut atas rekomendasi tersebut dimuat dalam Lampiran 1.":
        "The follow-up action plan for these recommendations is given in Appendix 1.",
    "Tidak terdapat rekomendasi khusus ": "There are no recommendations specific to ",
    "Rekomendasi tingkat ": "Recommendations at the level of ",
    "Rekomendasi berikut berlaku bagi seluruh ": "The following recommendations apply to the whole of ",
    " dan ditindaklanjuti oleh perangkat daerah yang dituju.":
        " and are followed up by the agencies they are addressed to.",
    "Rekomendasi tingkat provinsi": "Provincial recommendations",
    "BAB V PENUTUP": "CHAPTER V CLOSING",
    "Demikian Laporan Evaluasi ": "This Evaluation Report on ",
    " ini disusun sebagai wujud akuntabilitas pelaksanaan program. Hasil evaluasi ini menunjukkan "
    "bahwa ":
        " was prepared to account for the implementation of the programme. The evaluation finds ",
    ", dengan predikat rata-rata capaian ": ", with the mean achievement rated ",
    "Rekomendasi dan rencana tindak lanjut dalam laporan ini diharapkan dilaksanakan oleh perangkat "
    "daerah yang dituju sesuai batas waktunya, dan perkembangannya dipantau hingga selesai.":
        "The recommendations and the follow-up action plan in this report are expected to be carried "
        "out by the agencies they are addressed to within their deadlines, and their progress to be "
        "monitored until they are completed.",
    "Hasil evaluasi ini diharapkan menjadi bahan perbaikan program pada periode berikutnya.":
        "The results of this evaluation are expected to inform improvements of the programme in the "
        "next period.",
    "Atas perhatian dan kerja sama semua pihak, kami ucapkan terima kasih.":
        "We thank all parties for their attention and cooperation.",
    "LAMPIRAN": "APPENDICES",
    "Lampiran 1. Matriks Rencana Tindak Lanjut": "Appendix 1. Follow-up Action Plan Matrix",
    "Status tindak lanjut per ": "Follow-up status as of ",
    "Lampiran 2. Kegiatan Tindak Lanjut Tingkat ": "Appendix 2. Follow-up Activities at the Level of ",
    # ---- recommendations letter
    "Nomor": "Number",
    "Sifat": "Classification",
    "Lampiran": "Annex",
    "Hal": "Subject",
    "Yth. ": "To: ",
    "Yth. {{ x }}{% if loop.last %}.{% else %};{% endif %}":
        "{{ x }}{% if loop.last %}.{% else %};{% endif %}",
    "di Tempat": "",
    "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.":
        "Thank you for your attention.",
    "Tembusan:": "Copies to:",
    "Surat ": "Letter of the ",
    "Tanggal": "Date",
    "REKOMENDASI HASIL EVALUASI": "RECOMMENDATIONS OF THE EVALUATION",
    "Menjawab Temuan": "Responds to Finding",
    "Rekomendasi Tingkat ": "Recommendations at the Level of ",
    " (untuk diketahui)": " (for information)",
    " dan ditindaklanjuti oleh perangkat daerah yang dituju; rekomendasi ini tidak dimohonkan "
    "tindak lanjutnya kepada ":
        " and are followed up by the agencies they are addressed to; no follow-up of them is asked "
        "of ",
    "Demikian rekomendasi ini disampaikan.": "These recommendations are submitted for your information.",
    "Demikian rekomendasi ini disampaikan untuk dapat ditindaklanjuti.":
        "These recommendations are submitted for follow-up.",
    # ---- action plan
    "Matriks Rencana Tindak Lanjut – ": "Follow-up Action Plan Matrix – ",
    "MATRIKS RENCANA TINDAK LANJUT HASIL EVALUASI": "FOLLOW-UP ACTION PLAN MATRIX OF THE EVALUATION",
    "Program": "Programme",
    "Wilayah": "Region",
    "Instansi": "Agency",
    "Surat pengantar": "Covering letter",
    "Nomor ": "Number ",
    " tanggal ": " dated ",
    "tanggal ": "dated ",
    ", hal ": ", subject: ",
    "Status per": "Status as of",
    # ---- regional summary
    "Ringkasan Perbandingan Antarwilayah ": "Regional Comparison Summary: ",
    "RINGKASAN PERBANDINGAN ANTARWILAYAH": "REGIONAL COMPARISON SUMMARY",
    "Ringkasan ini membandingkan capaian kinerja ": "This summary compares the performance of ",
    " wilayah pada ": " regions in the ",
    ". Capaian setiap indikator dikelompokkan ke dalam predikat menurut skema ":
        ". The achievement of each indicator is grouped into ratings by the scheme ",
    "; rata-rata capaian dihitung dari indikator yang dapat dinilai":
        "; mean achievement is computed over the indicators that can be assessed",
    " sebelum dirata-ratakan": " before averaging",
    ", dan setiap predikat disertai jumlah target yang tercapai.":
        ", and every rating is given with the number of targets met.",
    "1. Peringkat Wilayah": "1. Ranking of Regions",
    "Peringkat wilayah menurut rata-rata capaian, periode ": "Regions ranked by mean achievement, ",
    "Rata-rata Capaian": "Mean Achievement",
    "Target Tercapai": "Targets Met",
    "Indikator Dinilai": "As\u00adsessed",
    "Sebaran wilayah menurut predikat rata-rata capaian, periode ":
        "Regions by the rating of their mean achievement, ",
    "2. Predikat per Dimensi": "2. Ratings by Dimension",
    "Rata-rata capaian dan predikat setiap wilayah pada setiap dimensi disajikan pada tabel berikut.":
        "The mean achievement and rating of every region in every dimension are given in the "
        "following table.",
    "Predikat wilayah per dimensi, periode ": "Ratings of the regions by dimension, ",
    "3. Peringkat per Indikator": "3. Ranking by Indicator",
    "Untuk setiap indikator, wilayah diurutkan dari kinerja terbaik; wilayah yang belum mencapai "
    "target disebutkan.":
        "For each indicator, the regions are ranked from the best performance down; the regions "
        "that did not meet the target are named.",
    "Target ": "Target ",
    " (satuan: ": " (unit: ",
    # English counts its regions in the singular and the plural
    "{% if ind.jumlah_tidak_tercapai %}{{ ind.jumlah_tidak_tercapai }} wilayah belum mencapai target."
    "{% else %}Seluruh wilayah mencapai target.{% endif %}":
        "{% if ind.jumlah_tidak_tercapai == 1 %}1 region did not meet the target."
        "{% elif ind.jumlah_tidak_tercapai %}{{ ind.jumlah_tidak_tercapai }} regions did not meet the "
        "target.{% else %}All regions met the target.{% endif %}",
    "Wilayah yang belum mencapai target: ": "Regions that did not meet the target: ",
    "Peringkat wilayah pada indikator ": "Regions ranked on indicator ",
    "4. Kesimpulan dan Tindak Lanjut Tingkat ": "4. Conclusions and Follow-up at the Level of ",
    "Kesimpulan evaluasi atas seluruh wilayah adalah sebagai berikut:":
        "The conclusions of the evaluation on all regions are:",
    "Temuan yang berlaku bagi seluruh wilayah adalah sebagai berikut.":
        "The findings that concern all regions are as follows.",
    "Rekomendasi yang berlaku bagi seluruh wilayah, menurut prioritas:":
        "The recommendations for all regions, by priority:",
    "Rencana tindak lanjut tingkat ": "Follow-up action plan at the level of ",
    ", dengan anggarannya:": ", with its budget:",
    " (status per ": " (status as of ",
    "Demikian ringkasan perbandingan antarwilayah ini disusun sebagai bahan evaluasi dan "
    "perencanaan program pada periode berikutnya.":
        "This regional comparison summary was prepared to inform the evaluation and planning of the "
        "programme in the next period.",
    # ---- the previous cycle's follow-up (report, action plan, summary)
    "Tindak lanjut evaluasi periode ": "Follow-up of the evaluation of ",
    " Tindak Lanjut Hasil Evaluasi Periode ": " Follow-up of the Evaluation of ",
    ". Tindak Lanjut Hasil Evaluasi Periode ": ". Follow-up of the Evaluation of ",
    "TINDAK LANJUT HASIL EVALUASI PERIODE ": "FOLLOW-UP OF THE EVALUATION OF ",
    "Evaluasi periode ": "The evaluation of ",
    " (dokumen tanggal ": " (document dated ",
    ") memuat ": ") made ",
    " rekomendasi bagi ": " recommendations to ",
    " dengan ": " with ",
    " kegiatan tindak lanjut. Posisi tindak lanjut per ": " follow-up actions. Position as of ",
    " Status rekomendasi mengikuti klasifikasi Badan Pemeriksa Keuangan: sesuai rekomendasi, belum "
    "sesuai, belum ditindaklanjuti, dan tidak dapat ditindaklanjuti.":
        " Recommendation statuses follow the classes of the Audit Board of Indonesia (BPK): done "
        "as recommended, not yet as recommended, not yet followed up, and cannot be followed up.",
    "Status tindak lanjut rekomendasi evaluasi periode ":
        "Follow-up status of the recommendations of the evaluation of ",
    "Rincian kegiatannya disajikan pada tabel berikut. Kegiatan yang batas waktunya telah lewat "
    "pada tanggal laporan ini (": "Their actions are listed in the following table. An action whose "
    "deadline had passed by the date of this report (",
    ") dan belum selesai ditandai terlambat, dengan jumlah hari keterlambatannya.":
        ") and is not done is marked late, with the number of days it is overdue.",
    "Kegiatan tindak lanjut hasil evaluasi periode ": "Follow-up actions of the evaluation of ",
    "Status Terkini": "Status Now",
    " · Rekomendasi ": " · Recommendation ",
    " menurut status per ": " by status as of ",
    "Sumber: pemantauan tindak lanjut hasil evaluasi periode ":
        "Source: follow-up monitoring of the evaluation of ",
    " (diolah)": " (processed)",
    "Kegiatan tindak lanjut atas rekomendasi evaluasi periode ":
        "Follow-up actions on the recommendations of the evaluation of ",
    " bagi ": " for ",
    ", dengan status semula (per ": ", with their status then (as of ",
    ") dan status terkini (per ": ") and now (as of ",
    "Status Semula": "Status Then",
    "Jumlah rekomendasi dan kegiatan evaluasi periode ":
        "Recommendations and actions of the evaluation of ",
    "Posisi tindak lanjut per ": "Position as of ",
    " Rinciannya menurut wilayah disajikan pada tabel berikut.":
        " The following table gives it by region.",
    " menurut wilayah": " by region",
    "Sesuai": "Done",
    "Belum Sesuai": "Not Yet As Recom\u00admended",
    "Belum Ditindaklanjuti": "Not Yet Followed Up",
    "Tidak Dapat Ditindaklanjuti": "Cannot Be Followed Up",
    "Kegiatan Terlambat": "Late Actions",
    # ---- data terpilah (disaggregated results) and the data annex
    "3.1.1 Data Terpilah": "3.1.1 Disaggregated Results",
    "Realisasi indikator berikut juga dipilah menurut kategori (data terpilah). Setiap kategori "
    "dinilai terhadap target yang sama dengan indikatornya, sehingga terlihat apakah capaian "
    "keseluruhan menutupi kelompok yang tertinggal.":
        "The following indicators were also reported by category (disaggregated data). Each "
        "category is measured against the indicator's own target, which shows whether the "
        "overall result hides a group that lags behind.",
    " menurut ": " by ",
    " (target ": " (target ",
    "Kategori": "Category",
    "Status Data": "Data Status",
    ": realisasi keseluruhan ": ": overall actual ",
    " (capaian ": " (achievement ",
    ", melebihi batas selisih ": ", above the gap threshold of ",
    "Capaian menurut kategori (data terpilah), ": "Achievement by category (disaggregated data), ",
    "Data terpilah. ": "Disaggregated data. ",
    "Selisih antarkategori berikut melebihi batas selisih yang ditetapkan dan menjadi konteks "
    "temuan di bawah ini:": "The following gaps between categories exceed the set threshold and "
    "are context for the findings below:",
    ". Data Evaluasi ": ". Evaluation Data ",
    "Lampiran ini memuat seluruh ": "This annex holds all ",
    " nilai yang dimasukkan untuk ": " values entered for ",
    " per periode beserta status datanya, sumber data setiap indikator, serta pembilang, penyebut "
    "dan pengali indikator turunan, sehingga setiap angka dalam laporan dapat ditelusuri dan "
    "dihitung ulang.": " by period with their data status, each indicator's data source, and the "
    "numerator, denominator and scale of each derived indicator, so that every figure in the "
    "report can be traced and recomputed.",
    "Sumber data indikator, ": "Indicator data sources, ",
    "Sumber dan Metode": "Source and Method",
    "Data penyusun": "Inputs",
    "Nilai per periode, ": "Values by period, ",
    "Periode": "Period",
    "Nilai": "Value",
    "Catatan": "Note",
    "Perhitungan indikator turunan, ": "Derived indicators computed, ",
    "Pembilang": "Numerator",
    "Penyebut": "Denominator",
    "Pengali": "Scale",
    "Hasil": "Result",
    "Hasil = pembilang ÷ penyebut × pengali, dibulatkan setengah ke atas ke jumlah desimal "
    "indikatornya.": "Result = numerator ÷ denominator × scale, rounded half up to the "
    "indicator's decimals.",
    "Data terpilah menurut ": "Disaggregated data by ",
    "Selisih antarkategori per wilayah; ": "Gap between categories by region; ",
    " wilayah melebihi batas selisih ": " regions above the gap threshold of ",
    "tidak ada wilayah yang melebihi batas selisih ": "no region above the gap threshold of ",
    "Selisih ": "Gap ",
    " per wilayah, periode ": " by region, period ",
    "Nilai per Kategori": "Value by Category",
    "Selisih": "Gap",
    "melebihi batas": "above threshold",
}
