/**
 * What each start-up check says, in Vietnamese: what was found, what it means, what to do. Kept in
 * one place so the window, the blocked screen and the CLI say the same thing.
 */
import type { StartupCheck, StartupCheckId } from '#contract/ops/system.ts';

type Text = Pick<StartupCheck, 'title' | 'message' | 'action'>;

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

/** "1,4 GB", "180 MB": free space as a station's user reads it. */
export function sizeInWords(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1).replace('.', ',')} GB`;
  return `${Math.floor(bytes / MiB)} MB`;
}

/** A Vietnamese date and time ("07/12/2026 21:44") in the station's time zone. */
export function timeInWords(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export const ok = (id: StartupCheckId, title: string, path: string | null = null): StartupCheck => ({
  id,
  level: 'ok',
  title,
  message: '',
  action: '',
  path,
});

export const TEXT = {
  dbTooNew: {
    title: 'Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của phần mềm',
    message:
      'Dữ liệu của trạm đã được một phiên bản HSSK Trạm mới hơn phiên bản đang chạy mở và nâng cấp. Phiên bản này không đọc được dữ liệu đó; ứng dụng dừng lại để không làm hỏng dữ liệu.',
    action:
      'Cài phiên bản HSSK Trạm mới nhất (hoặc đúng phiên bản đã dùng trước đó) rồi mở lại. Không xóa thư mục dữ liệu. Nếu không rõ, liên hệ cán bộ CNTT của huyện.',
  },
  keyMissing: {
    title: 'Không tìm thấy khóa mã hóa của cơ sở dữ liệu',
    message:
      'Cơ sở dữ liệu của trạm được mã hóa, nhưng tệp khóa đi kèm không có trên máy này (có thể đã bị xóa, hoặc dữ liệu được chép từ máy khác).',
    action:
      'Mở bằng khóa khôi phục: nhập mã khôi phục trên tờ in ra khi thiết lập trạm vào ô bên dưới, hoặc liên hệ cán bộ CNTT của huyện. Không xóa, không tạo lại cơ sở dữ liệu: dữ liệu vẫn còn nguyên.',
  },
  keyUnreadable: {
    title: 'Không đọc được khóa mã hóa của cơ sở dữ liệu',
    message:
      'Tệp khóa có trên máy nhưng không mở được cơ sở dữ liệu: khóa không đúng, tệp khóa bị hỏng, hoặc khóa được bảo vệ bởi một tài khoản Windows hay một máy khác.',
    action:
      'Đăng nhập Windows bằng tài khoản vẫn dùng cho HSSK Trạm. Nếu vẫn không được, mở bằng khóa khôi phục (nhập mã trên tờ in ra khi thiết lập trạm vào ô bên dưới) hoặc liên hệ cán bộ CNTT của huyện. Không xóa, không tạo lại cơ sở dữ liệu.',
  },
  dbDamaged: {
    title: 'Cơ sở dữ liệu bị hỏng, không mở được',
    message: 'Tệp cơ sở dữ liệu của trạm không đọc được (ổ đĩa lỗi, máy tắt đột ngột hoặc tệp bị chép dở).',
    action:
      'Không tắt máy, không xóa tệp. Liên hệ cán bộ CNTT của huyện để khôi phục từ bản sao lưu gần nhất (lệnh hssk restore).',
  },
  dbOther: {
    title: 'Không mở được cơ sở dữ liệu',
    message: 'Ứng dụng không mở được cơ sở dữ liệu của trạm.',
    action:
      'Khởi động lại máy rồi mở lại ứng dụng. Nếu vẫn lỗi, liên hệ cán bộ CNTT của huyện và gửi kèm thư mục nhật ký (logs) trong thư mục dữ liệu.',
  },
  integrityRunning: {
    title: 'Đang kiểm tra toàn vẹn dữ liệu',
    message: 'Việc kiểm tra chạy nền; bạn vẫn làm việc bình thường.',
    action: '',
  },
  integrityFailed: {
    title: 'Phát hiện lỗi trong cơ sở dữ liệu',
    message:
      'Kiểm tra toàn vẹn tìm thấy trang dữ liệu bị hỏng. Một số hồ sơ có thể đọc sai hoặc không lưu được.',
    action:
      'Hạn chế nhập thêm dữ liệu. Liên hệ ngay cán bộ CNTT của huyện để khôi phục từ bản sao lưu gần nhất (lệnh hssk restore) và kiểm tra ổ đĩa.',
  },
  integrityError: {
    title: 'Không chạy được kiểm tra toàn vẹn dữ liệu',
    message: 'Việc kiểm tra không hoàn thành; chưa biết dữ liệu có lỗi hay không.',
    action: 'Khởi động lại ứng dụng. Nếu thông báo này lặp lại, liên hệ cán bộ CNTT của huyện.',
  },
  diskLow: {
    title: 'Ổ đĩa chứa dữ liệu sắp đầy',
    action:
      'Xóa bớt tệp không cần (tệp tải về, video, thùng rác) hoặc nhờ cán bộ CNTT dọn ổ đĩa. Khi ổ đầy, hồ sơ và bản sao lưu sẽ không lưu được.',
  },
  diskCritical: {
    title: 'Ổ đĩa chứa dữ liệu gần như đã đầy',
    action:
      'Dọn ổ đĩa ngay trước khi nhập tiếp (xóa tệp tải về, video, thùng rác) hoặc gọi cán bộ CNTT. Dưới mức này, việc lưu hồ sơ có thể thất bại bất cứ lúc nào.',
  },
  diskUnknown: {
    title: 'Không đọc được dung lượng trống của ổ đĩa',
    message: 'Ứng dụng không biết ổ đĩa chứa dữ liệu còn trống bao nhiêu.',
    action: 'Kiểm tra ổ đĩa chứa thư mục dữ liệu còn trống ít nhất 1 GB.',
  },
  clockBehind: {
    title: 'Đồng hồ máy tính đang chậm hơn dữ liệu đã ghi',
    action:
      'Chỉnh lại ngày giờ của Windows (Cài đặt › Thời gian và ngôn ngữ › Đặt giờ tự động) rồi mở lại ứng dụng. Ngày giờ sai làm sai ngày khám, nhật ký truy cập và việc gửi dữ liệu lên tỉnh.',
  },
  clockAhead: {
    title: 'Đồng hồ máy tính có thể đang chạy nhanh',
    action:
      'Kiểm tra ngày giờ của Windows (Cài đặt › Thời gian và ngôn ngữ). Nếu sai, chỉnh lại rồi mở lại ứng dụng.',
  },
  clockReset: {
    title: 'Ngày giờ của máy tính không đúng',
    action:
      'Chỉnh lại ngày giờ của Windows (Cài đặt › Thời gian và ngôn ngữ › Đặt giờ tự động). Pin đồng hồ trong máy có thể đã hết: báo cán bộ CNTT thay.',
  },
} satisfies Record<string, Partial<Text>>;
