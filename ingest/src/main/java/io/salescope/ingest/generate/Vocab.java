package io.salescope.ingest.generate;

import java.util.List;

/**
 * Word lists the generator draws names, companies and subjects from. None of them repeats
 * the dev fixture's company (Borealis Software) or its people.
 */
final class Vocab {

    private Vocab() {
    }

    /** A Chinese word with its pinyin, for e-mail addresses and domains. */
    record Han(String text, String pinyin) {
    }

    static final String COMPANY = "Kestrel Analytics";
    static final String DOMAIN = "kestrel-analytics.com";

    static final String[] WESTERN_FIRST = {
        "Aaron", "Adrian", "Alice", "Amelia", "Andrew", "Anna", "Antoine", "Astrid", "Ben", "Camille",
        "Caroline", "Charlotte", "Chloe", "Christopher", "Claire", "Daniel", "David", "Diego", "Elena", "Eleanor",
        "Elias", "Emily", "Emma", "Erik", "Ethan", "Felix", "Fiona", "Florian", "Gabriel", "Giulia",
        "Grace", "Hannah", "Hassan", "Helena", "Henry", "Ines", "Isabel", "Jack", "Jacob", "Jakob",
        "James", "Jasmine", "Javier", "Jonas", "Jordan", "Julia", "Julien", "Karin", "Kate", "Layla",
        "Leon", "Liam", "Linnea", "Lucas", "Lucia", "Luke", "Marco", "Marie", "Martina", "Mateo",
        "Matthew", "Maya", "Michael", "Mikael", "Mila", "Nadia", "Nathalie", "Niamh", "Noah", "Noor",
        "Oliver", "Olivia", "Omar", "Paul", "Pedro", "Priya", "Rachel", "Rebecca", "Robert", "Rosa",
        "Ruth", "Samuel", "Sara", "Simon", "Sofia", "Stella", "Thomas", "Tiago", "Victor", "Zoe"};

    static final String[] WESTERN_LAST = {
        "Adams", "Alvarez", "Bauer", "Baker", "Bianchi", "Campbell", "Collins", "Cooper", "Costa", "Dahl",
        "Dawson", "Douglas", "Dubois", "Edwards", "Ellis", "Eriksen", "Ferreira", "Fischer", "Fleming", "Foster",
        "Fraser", "Garcia", "Gibson", "Graham", "Haddad", "Hartmann", "Hayes", "Holm", "Holmes", "Hughes",
        "Jansen", "Jensen", "Kelly", "Kennedy", "Khalil", "Klein", "Koch", "Krause", "Lambert", "Lange",
        "Lawson", "Lindgren", "Lindqvist", "Marshall", "Martin", "Meyer", "Moreau", "Murphy", "Nash", "Nasser",
        "Novak", "O'Brien", "Ortega", "Palmer", "Peeters", "Perez", "Porter", "Quinn", "Richter", "Romano",
        "Rossi", "Russo", "Santos", "Schneider", "Schulz", "Shaw", "Simmons", "Sinclair", "Stewart", "Sullivan",
        "Vogel", "Walsh", "Ward", "Watson", "Webb", "Weiss", "West", "Wolf", "Young", "Zimmermann"};

    static final Han[] CHINESE_SURNAMES = {
        new Han("王", "wang"), new Han("李", "li"), new Han("张", "zhang"), new Han("刘", "liu"),
        new Han("陈", "chen"), new Han("杨", "yang"), new Han("黄", "huang"), new Han("赵", "zhao"),
        new Han("吴", "wu"), new Han("周", "zhou"), new Han("徐", "xu"), new Han("孙", "sun"),
        new Han("马", "ma"), new Han("朱", "zhu"), new Han("胡", "hu"), new Han("郭", "guo"),
        new Han("何", "he"), new Han("高", "gao"), new Han("林", "lin"), new Han("罗", "luo"),
        new Han("郑", "zheng"), new Han("梁", "liang"), new Han("谢", "xie"), new Han("宋", "song"),
        new Han("唐", "tang"), new Han("韩", "han"), new Han("冯", "feng"), new Han("邓", "deng"),
        new Han("曹", "cao"), new Han("彭", "peng"), new Han("曾", "zeng"), new Han("肖", "xiao"),
        new Han("田", "tian"), new Han("董", "dong"), new Han("袁", "yuan"), new Han("潘", "pan"),
        new Han("于", "yu"), new Han("蒋", "jiang"), new Han("蔡", "cai"), new Han("杜", "du"),
        new Han("叶", "ye"), new Han("程", "cheng"), new Han("苏", "su"), new Han("魏", "wei"),
        new Han("丁", "ding"), new Han("任", "ren"), new Han("沈", "shen"), new Han("姚", "yao"),
        new Han("卢", "lu"), new Han("崔", "cui"), new Han("钟", "zhong"), new Han("谭", "tan"),
        new Han("范", "fan"), new Han("金", "jin"), new Han("方", "fang"), new Han("石", "shi")};

    static final Han[] CHINESE_GIVEN = {
        new Han("伟", "wei"), new Han("芳", "fang"), new Han("娜", "na"), new Han("敏", "min"),
        new Han("静", "jing"), new Han("丽", "li"), new Han("强", "qiang"), new Han("磊", "lei"),
        new Han("军", "jun"), new Han("洋", "yang"), new Han("勇", "yong"), new Han("艳", "yan"),
        new Han("杰", "jie"), new Han("涛", "tao"), new Han("明", "ming"), new Han("超", "chao"),
        new Han("霞", "xia"), new Han("平", "ping"), new Han("刚", "gang"), new Han("思远", "siyuan"),
        new Han("晓东", "xiaodong"), new Han("志强", "zhiqiang"), new Han("晓燕", "xiaoyan"), new Han("海涛", "haitao"),
        new Han("静怡", "jingyi"), new Han("子涵", "zihan"), new Han("浩然", "haoran"), new Han("雨萱", "yuxuan"),
        new Han("宇航", "yuhang"), new Han("欣怡", "xinyi"), new Han("俊杰", "junjie"), new Han("建华", "jianhua"),
        new Han("文博", "wenbo"), new Han("嘉怡", "jiayi"), new Han("天宇", "tianyu"), new Han("佳琪", "jiaqi"),
        new Han("鹏", "peng"), new Han("辉", "hui"), new Han("斌", "bin"), new Han("婷", "ting"),
        new Han("倩", "qian"), new Han("颖", "ying"), new Han("琳", "lin"), new Han("凯", "kai"),
        new Han("晨", "chen"), new Han("昊", "hao"), new Han("瑶", "yao"), new Han("雪", "xue"),
        new Han("梅", "mei"), new Han("建国", "jianguo"), new Han("国强", "guoqiang"), new Han("春燕", "chunyan"),
        new Han("晓明", "xiaoming"), new Han("立新", "lixin"), new Han("慧敏", "huimin"), new Han("文静", "wenjing"),
        new Han("志明", "zhiming"), new Han("欣然", "xinran"), new Han("一鸣", "yiming"), new Han("若曦", "ruoxi"),
        new Han("家豪", "jiahao"), new Han("博文", "bowen"), new Han("嘉欣", "jiaxin"), new Han("雅婷", "yating"),
        new Han("思琪", "siqi"), new Han("子轩", "zixuan"), new Han("宏伟", "hongwei"), new Han("晓峰", "xiaofeng"),
        new Han("志刚", "zhigang"), new Han("淑华", "shuhua"), new Han("丽娟", "lijuan"), new Han("美玲", "meiling"),
        new Han("悦", "yue"), new Han("洁", "jie"), new Han("帆", "fan"), new Han("宁", "ning")};

    static final Han[] CHINESE_CITIES = {
        new Han("上海", "shanghai"), new Han("广州", "guangzhou"), new Han("北京", "beijing"), new Han("深圳", "shenzhen"),
        new Han("杭州", "hangzhou"), new Han("成都", "chengdu"), new Han("南京", "nanjing"), new Han("武汉", "wuhan"),
        new Han("西安", "xian"), new Han("苏州", "suzhou"), new Han("天津", "tianjin"), new Han("重庆", "chongqing"),
        new Han("青岛", "qingdao"), new Han("厦门", "xiamen"), new Han("长沙", "changsha"), new Han("郑州", "zhengzhou"),
        new Han("宁波", "ningbo"), new Han("合肥", "hefei"), new Han("济南", "jinan"), new Han("大连", "dalian")};

    static final Han[] BRAND_SYLLABLES = {
        new Han("恒", "heng"), new Han("瑞", "rui"), new Han("华", "hua"), new Han("鑫", "xin"),
        new Han("远", "yuan"), new Han("达", "da"), new Han("盛", "sheng"), new Han("泰", "tai"),
        new Han("博", "bo"), new Han("智", "zhi"), new Han("汇", "hui"), new Han("信", "xin"),
        new Han("安", "an"), new Han("康", "kang"), new Han("新", "xin"), new Han("天", "tian"),
        new Han("宏", "hong"), new Han("德", "de"), new Han("嘉", "jia"), new Han("联", "lian"),
        new Han("通", "tong"), new Han("创", "chuang"), new Han("明", "ming"), new Han("海", "hai"),
        new Han("金", "jin"), new Han("光", "guang"), new Han("云", "yun"), new Han("正", "zheng"),
        new Han("和", "he"), new Han("锐", "rui"), new Han("拓", "tuo"), new Han("峰", "feng"),
        new Han("启", "qi"), new Han("航", "hang"), new Han("辰", "chen"), new Han("融", "rong")};

    static final String[] CHINESE_COMPANY_TYPES = {"有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司"};

    static final String[] WESTERN_PREFIXES = {
        "Alder", "Ashford", "Atlas", "Beacon", "Birchwood", "Bluegate", "Bramble", "Brightwater", "Calder", "Cascade",
        "Cedar", "Clearwater", "Cobalt", "Crescent", "Dover", "Eastgate", "Elmstead", "Ember", "Evergreen", "Fairmont",
        "Falcon", "Fenwick", "Foxglove", "Glenmore", "Goldcrest", "Granite", "Halcyon", "Hawthorne", "Highland", "Horizon",
        "Ironwood", "Ivory", "Jasper", "Keystone", "Kingsway", "Lakeside", "Larkspur", "Lighthouse", "Lindholm", "Maple",
        "Marlow", "Meridian", "Moorland", "Northgate", "Northwind", "Oakridge", "Orchard", "Pinnacle", "Pioneer", "Prairie",
        "Quarry", "Redwood", "Ridgeway", "Riverbend", "Rosewood", "Saffron", "Sandstone", "Silverline", "Sterling", "Stonebridge",
        "Summit", "Thornbury", "Trident", "Upland", "Vantage", "Vertex", "Westfield", "Whitecliff", "Wren", "Zenith"};

    /** Second words that turn a prefix into a place-like name ("Summit Ridge"), widening the name space. */
    static final String[] PLACE_WORDS = {
        "Bay", "Ridge", "Valley", "Point", "River", "Lake", "Hill", "Park", "Harbor", "Peak", "Creek", "Stone", "Field",
        "Grove", "Brook", "Gate", "Crest", "Rock", "Shore", "Wood", "Bridge", "Haven", "Mill", "Spring", "Glen", "Cliff",
        "Meadow", "Port", "Falls", "Heights"};

    /** European family and place names for EMEA accounts, with their diacritics. */
    static final String[] EUROPEAN_PREFIXES = {
        "Müller", "Schäfer", "Köhler", "Lindström", "Sjöberg", "Nørgaard", "Høiland", "Dupont", "Beaumont", "Lefèvre",
        "Van Dijk", "De Smet", "Rossi", "Bianchi", "García", "Peña", "Kovač", "Brandstätter", "Øster", "Mäkelä"};

    /** Industry, its English company nouns and its Chinese business words. */
    record Industry(String name, double weight, String[] nouns, String[] chinese, boolean publicBody) {
    }

    static final List<Industry> INDUSTRIES = List.of(
            new Industry("Financial Services", 14, new String[]{"Bank", "Capital", "Insurance", "Securities", "Asset Management"},
                    new String[]{"金融服务", "保险", "证券", "资产管理"}, false),
            new Industry("Healthcare", 9, new String[]{"Health", "Clinics", "Medical", "Pharma", "Care Group"},
                    new String[]{"医疗科技", "医药", "健康管理"}, false),
            new Industry("Manufacturing", 13, new String[]{"Industries", "Manufacturing", "Components", "Precision", "Works"},
                    new String[]{"精密制造", "机械", "电子", "汽车零部件"}, false),
            new Industry("Retail", 11, new String[]{"Retail", "Stores", "Outfitters", "Market", "Brands"},
                    new String[]{"零售", "商贸", "电子商务"}, false),
            new Industry("Software", 12, new String[]{"Software", "Labs", "Systems", "Digital", "Technologies"},
                    new String[]{"软件", "信息技术", "数字科技"}, false),
            new Industry("Telecom", 6, new String[]{"Telecom", "Networks", "Mobile", "Communications"},
                    new String[]{"通信", "网络科技"}, false),
            new Industry("Education", 6, new String[]{"University", "College", "Academy", "Learning"},
                    new String[]{"教育科技", "培训"}, true),
            new Industry("Public Sector", 5, new String[]{"County", "City Council", "Authority", "Agency"},
                    new String[]{"智慧城市", "公共事业"}, true),
            new Industry("Logistics", 9, new String[]{"Logistics", "Freight", "Shipping", "Transport"},
                    new String[]{"物流", "供应链", "运输"}, false),
            new Industry("Energy", 7, new String[]{"Energy", "Power", "Utilities", "Renewables"},
                    new String[]{"能源", "新能源", "电力"}, false),
            new Industry("Media", 5, new String[]{"Media", "Studios", "Publishing", "Broadcasting"},
                    new String[]{"传媒", "文化传播", "影视"}, false));

    static String[] legalSuffixes(String country) {
        return switch (country) {
            case "US" -> new String[]{", Inc.", " Inc.", ", LLC", " LLC", " Corp.", ", Corp."};
            case "CA" -> new String[]{" Inc.", ", Inc.", " Ltd."};
            case "GB" -> new String[]{" Ltd", " Limited", " plc"};
            case "IE" -> new String[]{" Ltd", " DAC"};
            case "DE" -> new String[]{" GmbH", " AG", " SE"};
            case "AT" -> new String[]{" GmbH", " AG"};
            case "CH" -> new String[]{" AG", " SA", " GmbH"};
            case "FR" -> new String[]{" SA", " SAS"};
            case "BE" -> new String[]{" NV", " SA", " BV"};
            case "NL" -> new String[]{" B.V.", " N.V."};
            case "LU" -> new String[]{" S.A."};
            case "SE" -> new String[]{" AB"};
            case "NO" -> new String[]{" AS", " ASA"};
            case "DK" -> new String[]{" A/S", " ApS"};
            case "FI" -> new String[]{" Oy", " Oyj"};
            case "ES" -> new String[]{" S.L.", " S.A."};
            case "IT" -> new String[]{" S.p.A.", " S.r.l."};
            case "PT" -> new String[]{" Lda", " S.A."};
            case "AE" -> new String[]{" LLC", " FZ-LLC"};
            case "SA" -> new String[]{" Co.", " LLC"};
            case "QA" -> new String[]{" WLL"};
            case "HK" -> new String[]{" Limited", " Holdings Limited"};
            default -> new String[]{" Ltd"};
        };
    }

    static String phonePrefix(String country) {
        return switch (country) {
            case "CN" -> "+86";
            case "HK" -> "+852";
            case "US", "CA" -> "+1";
            case "GB" -> "+44";
            case "IE" -> "+353";
            case "DE" -> "+49";
            case "AT" -> "+43";
            case "CH" -> "+41";
            case "FR" -> "+33";
            case "BE" -> "+32";
            case "NL" -> "+31";
            case "LU" -> "+352";
            case "SE" -> "+46";
            case "NO" -> "+47";
            case "DK" -> "+45";
            case "FI" -> "+358";
            case "ES" -> "+34";
            case "IT" -> "+39";
            case "PT" -> "+351";
            case "AE" -> "+971";
            case "SA" -> "+966";
            case "QA" -> "+974";
            default -> "+1";
        };
    }

    static final String[] TITLES_EN = {
        "CTO", "CFO", "CIO", "COO", "VP Sales", "VP Finance", "Head of Revenue Operations", "Sales Operations Manager",
        "IT Director", "Procurement Manager", "Head of Data", "BI Analyst", "Finance Director", "Data Engineer",
        "Chief Revenue Officer", "Head of Sales, EMEA"};

    static final String[] TITLES_ZH = {
        "销售总监", "财务总监", "技术总监", "IT经理", "采购经理", "数据分析师", "运营总监", "首席信息官", "销售运营经理", "总经理"};

    /** Lead and opportunity sources, with how often a new-business deal comes from each. */
    static final String[] SOURCES = {"Website", "Free Trial", "Outbound", "Referral", "Partner", "Webinar", "Trade Show"};
    static final double[] NEW_BUSINESS_SOURCE_WEIGHTS = {24, 14, 20, 10, 10, 8, 9};

    static final String[] LOST_EN_EARLY = {"No decision", "Timing", "Budget cut", "Missing feature", "Not a fit"};
    static final String[] LOST_EN_MID = {"Chose competitor", "Missing feature", "No decision", "Security review"};
    static final String[] LOST_EN_LATE = {"Price", "Chose competitor", "Budget cut", "Security review", "Legal terms"};
    static final String[] LOST_ZH = {"价格过高", "选择了竞争对手", "无决策", "预算削减", "功能不满足"};

    /** Activity subjects by type (call, email, meeting, demo, note, other) and language. */
    static final String[][] SUBJECTS_EN = {
        {"Discovery call", "Check-in call", "Pricing call", "Follow-up call", "Intro call", "Call with procurement", "Reference call"},
        {"Follow-up", "Proposal sent", "Re: pricing", "Intro email", "Meeting recap", "Trial access",
            "Re: \"Kestrel Insight\" questions", "Pricing, terms and next steps"},
        {"Stakeholder meeting", "Kickoff", "Business review", "Security review", "Executive alignment",
            "Negotiation: legal, procurement"},
        {"Platform demo", "Forecasting demo", "Demo: dashboards, alerts and exports", "Technical deep dive", "Connector demo"},
        {"Call notes", "Internal note", "Champion left the company", "Budget confirmed",
            "Call notes:\nbudget approved, legal review next"},
        {"Conference chat", "Trade show visit", "LinkedIn message", "Webinar attendance"}};

    static final String[][] SUBJECTS_ZH = {
        {"需求沟通电话", "例行回访", "价格沟通", "跟进电话", "采购沟通", "首次接触电话"},
        {"跟进邮件", "方案已发送", "报价说明", "会议纪要", "试用账号开通", "报价、条款及下一步", "回复：\"Kestrel Insight\"问题"},
        {"干系人会议", "启动会", "业务评审会", "安全评审会", "高层沟通会", "商务谈判，法务与采购"},
        {"平台演示", "预测模块演示", "技术交流", "演示：看板, 预警与导出"},
        {"通话记录", "内部备注", "预算已确认", "客户反馈：\n价格偏高，需要申请折扣"},
        {"展会交流", "微信沟通", "线上研讨会"}};

    static final String[] TASKS_EN = {
        "Send proposal", "Follow up after demo", "Chase signed contract", "Schedule security review", "Prepare renewal quote",
        "Share pricing sheet", "Book kickoff, confirm attendees", "Send reference customer list", "Update close plan",
        "Call back re: \"Phase 2\" scope"};
    static final String[] TASKS_ZH = {
        "发送方案", "演示后跟进", "催签合同", "安排安全评审", "准备续约报价", "发送报价单", "确认启动会时间、参会人", "提供客户案例", "更新成交计划"};
    static final String[] ADMIN_TASKS_EN = {"Update CRM records", "Prepare QBR deck", "Clean up pipeline", "Plan territory accounts",
        "Log expenses, mileage"};
    static final String[] ADMIN_TASKS_ZH = {"更新CRM记录", "准备季度业务回顾", "清理销售管道", "梳理重点客户"};

    static final String[] CALL_OUTCOMES = {"connected", "connected", "connected", "voicemail", "no_answer"};
    static final String[] MEETING_OUTCOMES = {"held", "held", "held", "held", "rescheduled"};
}
